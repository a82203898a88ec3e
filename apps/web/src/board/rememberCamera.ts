import { type Editor, react } from 'tldraw'
import { z } from 'zod'
import { readSetting, writeSetting } from '../localSettings.ts'
import { showInitialView } from './initialView.ts'

const SavedCamera = z.object({ x: z.number(), y: z.number(), z: z.number().positive().max(64) })
type SavedCamera = z.infer<typeof SavedCamera>
const SAVE_DELAY_MS = 400

function keyOf(sessionId: string): string {
  return `scaleboard.camera.${sessionId}`
}

/** This browser's last view of a session's board, if it kept one. */
export function readSavedCamera(
  sessionId: string,
  storage: Pick<Storage, 'getItem'> = localStorage,
): SavedCamera | null {
  try {
    const parsed = SavedCamera.safeParse(JSON.parse(readSetting(keyOf(sessionId), storage) ?? 'null'))
    return parsed.success ? parsed.data : null
  } catch {
    return null // not JSON
  }
}

/**
 * Opens the board where this browser last left it (each person keeps their own view across
 * reloads), or at the initial view the first time; then keeps the view as it changes. Returns the
 * cleanup.
 */
export function rememberCamera(
  editor: Editor,
  sessionId: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): () => void {
  const saved = readSavedCamera(sessionId, storage)
  if (saved) editor.setCamera(saved, { immediate: true })
  else showInitialView(editor)

  let timer: ReturnType<typeof setTimeout> | undefined
  const stop = react('remember camera', () => {
    const camera = editor.getCamera()
    clearTimeout(timer)
    timer = setTimeout(() => {
      writeSetting(keyOf(sessionId), JSON.stringify({ x: camera.x, y: camera.y, z: camera.z }), storage)
    }, SAVE_DELAY_MS)
  })
  return () => {
    clearTimeout(timer)
    stop()
  }
}
