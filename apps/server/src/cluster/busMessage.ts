/**
 * The binary frame of one room message on Redis. Documents are binary (Yjs updates), so frames are
 * too: no base64 on the hot path.
 *
 *   0      version (1)
 *   1      kind
 *   2..5   stream (uint32): which run of the sender's sequence this is (a new one each time the
 *          sender instance opens the document), so a restarted sequence is not mistaken for a gap
 *   6..13  sequence (float64): 1, 2, 3 … per (sender, document, stream)
 *   14..21 sent at (float64, epoch ms): for the bus-lag metric
 *   22     sender id length n (bytes)
 *   23..   sender id (UTF-8), then the payload
 */
const VERSION = 1
const HEADER_BYTES = 23

export const BusMessageKind = {
  update: 1,
  awareness: 2,
  syncRequest: 3,
  /** No payload: only moves the sequence on, so receivers notice messages the sender failed to publish. */
  mark: 4,
} as const
export type BusMessageKind = (typeof BusMessageKind)[keyof typeof BusMessageKind]

export interface BusMessage {
  kind: BusMessageKind
  sender: string
  stream: number
  seq: number
  sentAt: number
  payload: Uint8Array
}

export const MAX_SENDER_BYTES = 255

export function encodeBusMessage(message: BusMessage): Buffer {
  const sender = Buffer.from(message.sender, 'utf8')
  if (sender.length > MAX_SENDER_BYTES) throw new Error(`sender id longer than ${MAX_SENDER_BYTES} bytes`)
  const frame = Buffer.allocUnsafe(HEADER_BYTES + sender.length + message.payload.byteLength)
  frame.writeUInt8(VERSION, 0)
  frame.writeUInt8(message.kind, 1)
  frame.writeUInt32BE(message.stream, 2)
  frame.writeDoubleBE(message.seq, 6)
  frame.writeDoubleBE(message.sentAt, 14)
  frame.writeUInt8(sender.length, 22)
  sender.copy(frame, HEADER_BYTES)
  frame.set(message.payload, HEADER_BYTES + sender.length)
  return frame
}

/** The message in `frame`; throws on anything that is not a well-formed frame of this version. */
export function decodeBusMessage(frame: Buffer): BusMessage {
  if (frame.length < HEADER_BYTES) throw new Error(`bus frame too short (${frame.length} bytes)`)
  const version = frame.readUInt8(0)
  if (version !== VERSION) throw new Error(`unknown bus frame version ${version}`)
  const kind = frame.readUInt8(1)
  if (!isKind(kind)) throw new Error(`unknown bus message kind ${kind}`)
  const stream = frame.readUInt32BE(2)
  const seq = frame.readDoubleBE(6)
  const sentAt = frame.readDoubleBE(14)
  if (!Number.isSafeInteger(seq) || seq < 1) throw new Error('bus frame with an invalid sequence number')
  if (!Number.isFinite(sentAt)) throw new Error('bus frame with an invalid send time')
  const senderLength = frame.readUInt8(22)
  if (frame.length < HEADER_BYTES + senderLength) throw new Error('bus frame shorter than its sender id')
  const sender = frame.toString('utf8', HEADER_BYTES, HEADER_BYTES + senderLength)
  if (sender.length === 0) throw new Error('bus frame without a sender')
  // A copy: the frame may be a view into the client's read buffer, and rooms may keep what they get.
  const payload = new Uint8Array(frame.subarray(HEADER_BYTES + senderLength))
  return { kind, sender, stream, seq, sentAt, payload }
}

function isKind(kind: number): kind is BusMessageKind {
  return kind >= BusMessageKind.update && kind <= BusMessageKind.mark
}
