export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown'

export interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

export function isArrowKey(key: string): key is ArrowKey {
  return key === 'ArrowLeft' || key === 'ArrowRight' || key === 'ArrowUp' || key === 'ArrowDown'
}

/**
 * The item an arrow key moves to, by where the items are on screen, so one rule serves a single
 * row and a grid of columns alike: the nearest item that way in the same row (Left / Right) or
 * column (Up / Down). Left and Right fall back to the nearest item that way in another row (the
 * end of a short column goes on to the next column); Up and Down stop at the end of a column.
 * Returns the index into `boxes`, or -1 when there is nothing that way.
 */
export function nextByArrow(boxes: readonly Box[], from: number, key: ArrowKey): number {
  const here = boxes[from]
  if (!here) return -1
  const horizontal = key === 'ArrowLeft' || key === 'ArrowRight'
  const forward = key === 'ArrowRight' || key === 'ArrowDown'
  const centre = (b: Box) => (horizontal ? (b.top + b.bottom) / 2 : (b.left + b.right) / 2)
  let best = -1
  let bestScore = Number.POSITIVE_INFINITY
  boxes.forEach((box, i) => {
    if (i === from) return
    // how far along the key's direction, edge to edge (a little overlap still counts as beyond)
    const along = horizontal
      ? forward
        ? box.left - here.right
        : here.left - box.right
      : forward
        ? box.top - here.bottom
        : here.top - box.bottom
    if (along < -2) return
    const overlaps = horizontal
      ? box.top < here.bottom && box.bottom > here.top
      : box.left < here.right && box.right > here.left
    if (!overlaps && !horizontal) return
    const across = Math.abs(centre(box) - centre(here))
    // same row (or column) first; then the nearest, counting sideways distance four times
    const score = overlaps ? along : 1e6 + along + 4 * across
    if (score < bestScore) {
      bestScore = score
      best = i
    }
  })
  return best
}
