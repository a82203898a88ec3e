/**
 * Loss detection on an at-most-once bus: each sender numbers its messages per document (1, 2, 3 …
 * within one stream, a new stream each time it opens the document), and a receiver that sees a
 * number jump knows it missed something.
 */
export interface SenderPosition {
  stream: number
  seq: number
}

/**
 * - `in-order`: nothing missed that this receiver could know of
 * - `gap`: messages of this sender were lost
 * - `stale`: at or before the last one seen (Redis keeps a publisher's order, so only a replay or a
 *   forged frame does this); delivered anyway, since updates are idempotent, but not counted
 */
export type Arrival = 'in-order' | 'gap' | 'stale'

/** Records that `sender` sent message `seq` of `stream`, in `positions` (one map per document). */
export function arrive(
  positions: Map<string, SenderPosition>,
  sender: string,
  stream: number,
  seq: number,
): Arrival {
  const known = positions.get(sender)
  if (known === undefined) {
    // First heard of since this receiver (re)subscribed: what came before is the room's join or
    // resync to catch up on, not a gap.
    positions.set(sender, { stream, seq })
    return 'in-order'
  }
  if (known.stream !== stream) {
    // The sender reopened the document: a stream we have been listening to from its start.
    positions.set(sender, { stream, seq })
    return seq === 1 ? 'in-order' : 'gap'
  }
  if (seq <= known.seq) return 'stale'
  const expected = known.seq + 1
  known.seq = seq
  return seq === expected ? 'in-order' : 'gap'
}
