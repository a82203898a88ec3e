import type { Editor, TLShapeId } from 'tldraw'
import { isGhost } from './compare.ts'

export type ImageFormat = 'png' | 'svg'

/** A file name people can read: "Ranking at scale – End of design.png" (no characters file systems refuse). */
export function exportFileName(title: string, label: string, extension: string): string {
  const clean = (text: string) =>
    [...text]
      .map((c) => (c.charCodeAt(0) < 32 ? ' ' : c))
      .join('')
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  const name = [clean(title) || 'Scaleboard', clean(label)].filter(Boolean).join(' – ')
  return `${name.slice(0, 150)}.${extension}`
}

/**
 * The board shown, as an image: every shape on the page but the compare view's ghosts (they are
 * the replay's, not the board's). Null when the page is empty.
 */
export async function boardImage(editor: Editor, format: ImageFormat): Promise<Blob | null> {
  const ids = editor
    .getCurrentPageShapes()
    .filter((shape) => !isGhost(shape))
    .map((shape) => shape.id as TLShapeId)
  if (ids.length === 0) return null
  if (format === 'svg') {
    const result = await editor.getSvgString(ids, { background: true, padding: 32 })
    return result ? new Blob([result.svg], { type: 'image/svg+xml' }) : null
  }
  const { blob } = await editor.toImage(ids, { format: 'png', background: true, padding: 32, pixelRatio: 2 })
  return blob
}

/** Hands a blob to the browser as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.append(link)
  link.click()
  link.remove()
  // the download has its own copy once started; a minute covers slow disks
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
