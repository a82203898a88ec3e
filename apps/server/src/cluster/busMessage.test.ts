import { describe, expect, it } from 'vitest'
import { type BusMessage, BusMessageKind, decodeBusMessage, encodeBusMessage } from './busMessage.ts'

const message: BusMessage = {
  kind: BusMessageKind.awareness,
  sender: 'instance-ä/0a1b2c',
  stream: 0xfffffffe,
  seq: 2 ** 40 + 3,
  sentAt: 1_765_000_000_123,
  payload: new Uint8Array([0, 1, 2, 250, 255]),
}

describe('bus frames', () => {
  it('carry kind, sender, stream, sequence, send time and payload', () => {
    const decoded = decodeBusMessage(encodeBusMessage(message))
    expect(decoded).toEqual(message)
    expect(
      decodeBusMessage(
        encodeBusMessage({ ...message, kind: BusMessageKind.mark, payload: new Uint8Array(0) }),
      ),
    ).toEqual({
      ...message,
      kind: BusMessageKind.mark,
      payload: new Uint8Array(0),
    })
  })

  it('hand out a payload of their own, not a view into the received buffer', () => {
    const frame = encodeBusMessage(message)
    const decoded = decodeBusMessage(frame)
    frame.fill(0)
    expect([...decoded.payload]).toEqual([0, 1, 2, 250, 255])
  })

  it('refuse what is not a frame', () => {
    const frame = encodeBusMessage(message)
    expect(() => decodeBusMessage(frame.subarray(0, 10))).toThrow(/too short/)
    expect(() => decodeBusMessage(Buffer.from('{"hello":"world", "padding": true}'))).toThrow(/version/)
    const badKind = Buffer.from(frame)
    badKind[1] = 9
    expect(() => decodeBusMessage(badKind)).toThrow(/kind/)
    const badSeq = Buffer.from(frame)
    badSeq.writeDoubleBE(0.5, 6)
    expect(() => decodeBusMessage(badSeq)).toThrow(/sequence/)
    const longSender = Buffer.from(frame)
    longSender[22] = 255
    expect(() => decodeBusMessage(longSender)).toThrow(/sender/)
    expect(() => encodeBusMessage({ ...message, sender: 'x'.repeat(256) })).toThrow(/sender/)
  })
})
