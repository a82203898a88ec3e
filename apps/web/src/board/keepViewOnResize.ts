import { Box, type Editor, type TLCamera } from 'tldraw'
import { INITIAL_VIEW_INSET_PX, initialViewBounds } from './initialView.ts'

function sameCamera(a: TLCamera, b: TLCamera): boolean {
  return Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6 && Math.abs(a.z - b.z) < 1e-6
}

/**
 * tldraw keeps the top-left of the view when the canvas changes size, so opening the inspector
 * (which narrows the canvas from the right) would slide the right side of the board, and the
 * component just selected, out of sight. Instead the centre of the view stays put, and a board
 * that was wholly in view stays wholly in view: it zooms out as the canvas narrows, and back in
 * (never past where it was) as it widens again, unless the user moved the view in between.
 * A selected shape that still ended up outside is brought back. Returns the cleanup.
 */
export function keepViewOnResize(editor: Editor): () => void {
  const container = editor.getContainer()
  let last = { w: container.clientWidth, h: container.clientHeight }
  // set while the zoom is below the user's own because the canvas narrowed
  let fitted: { userZoom: number; camera: TLCamera } | null = null

  const observer = new ResizeObserver(() => {
    const size = { w: container.clientWidth, h: container.clientHeight }
    const previous = last
    last = size
    const dw = size.w - previous.w
    const dh = size.h - previous.h
    if ((dw === 0 && dh === 0) || size.w === 0 || size.h === 0 || previous.w === 0) return
    // Measure now rather than wait for tldraw's own (throttled) measurement.
    editor.updateViewportScreenBounds(container)
    if (editor.getInstanceState().followingUserId) return

    const camera = editor.getCamera()
    if (fitted && !sameCamera(fitted.camera, camera)) fitted = null
    const content = editor.getCurrentPageBounds()
    const before = new Box(-camera.x, -camera.y, previous.w / camera.z, previous.h / camera.z)
    const wasAllInView = !!content && before.contains(content)
    editor.setCamera(
      { x: camera.x + dw / 2 / camera.z, y: camera.y + dh / 2 / camera.z, z: camera.z },
      { immediate: true },
    )

    const fitTo = (maxZoom: number) =>
      editor.zoomToBounds(initialViewBounds(editor) ?? (content as Box), {
        inset: INITIAL_VIEW_INSET_PX,
        targetZoom: maxZoom,
        immediate: true,
      })
    if (wasAllInView && content && !editor.getViewportPageBounds().contains(content)) {
      fitTo(camera.z)
      fitted = { userZoom: fitted?.userZoom ?? camera.z, camera: editor.getCamera() }
    } else if (wasAllInView && fitted && (dw > 0 || dh > 0)) {
      fitTo(fitted.userZoom)
      const now = editor.getCamera()
      fitted = now.z < fitted.userZoom ? { userZoom: fitted.userZoom, camera: now } : null
    }
    editor.zoomToSelectionIfOffscreen(32)
    if (fitted) fitted = { ...fitted, camera: editor.getCamera() }
  })
  observer.observe(container)
  return () => observer.disconnect()
}
