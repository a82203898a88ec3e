import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { drawRectangle, expect, test } from './fixtures.ts'

interface ShapeFacts {
  id: string
  x: number
  y: number
  opacity: number
  index: string
  color: string | null
  annotation: { author: string; pin?: { shapeId: string } } | null
}

/** Every shape this browser's editor holds, with what the test checks. */
function shapes(page: Page): Promise<ShapeFacts[]> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    // Not mounted yet (e.g. right after a reload): nothing to see.
    if (!editor) return []
    return editor.getCurrentPageShapes().map((shape) => ({
      id: shape.id,
      x: Math.round(shape.x),
      y: Math.round(shape.y),
      opacity: shape.opacity,
      index: shape.index,
      color: 'color' in shape.props ? String(shape.props.color) : null,
      annotation: (shape.meta.annotation as ShapeFacts['annotation']) ?? null,
    }))
  })
}

const annotationsOf = async (page: Page) => (await shapes(page)).filter((s) => s.annotation)
const boardShapesOf = async (page: Page) => (await shapes(page)).filter((s) => !s.annotation)

test('interviewer annotations: drawn above the board, badged, untouchable by the candidate, pinned comments follow and outlive their component', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url)
  const candidate = (await openBoard(session.links.candidate)).page
  const interviewer = (await openBoard(session.links.interviewer)).page
  await expect(interviewer.getByRole('group', { name: 'Annotations (interviewer only)' })).toBeVisible()
  await expect(candidate.getByRole('group', { name: 'Annotations (interviewer only)' })).toHaveCount(0)

  // The candidate draws a box; the interviewer draws over it: an annotation, not a board shape.
  await drawRectangle(candidate, { x: 400, y: 300 }, { x: 560, y: 400 })
  await expect.poll(async () => (await boardShapesOf(interviewer)).length).toBe(1)
  await drawRectangle(interviewer, { x: 420, y: 320 }, { x: 700, y: 460 })
  await expect.poll(async () => (await annotationsOf(candidate)).length).toBe(1)
  const [mark] = await annotationsOf(candidate)
  const [box] = await boardShapesOf(candidate)
  expect(mark?.annotation?.author).toBe('interviewer')
  expect(mark?.color).toBe('violet')
  expect(mark && box && mark.index > box.index).toBe(true)
  await expect(candidate.getByTestId('annotation-badge')).toHaveText('Interviewer')

  // The candidate cannot select, move or delete it: not by clicking, not by select-all, not by the API.
  await candidate.mouse.click(690, 450)
  await candidate.keyboard.press('Control+a')
  await candidate.keyboard.press('Delete')
  await candidate.evaluate((id) => {
    const editor = window.__scaleboardEditor
    editor?.updateShapes([{ id: id as never, type: 'geo', x: 5000 }])
    editor?.deleteShapes([id as never])
  }, mark?.id ?? '')
  await expect.poll(async () => (await boardShapesOf(interviewer)).length).toBe(0)
  const stillThere = await annotationsOf(interviewer)
  expect(stillThere.map((s) => [s.id, s.x, s.y])).toEqual([[mark?.id, mark?.x, mark?.y]])
  expect((await annotationsOf(candidate)).map((s) => s.x)).toEqual([mark?.x])

  // A comment pinned to the candidate's component follows it when the candidate moves it.
  await drawRectangle(candidate, { x: 300, y: 500 }, { x: 420, y: 580 })
  await expect.poll(async () => (await boardShapesOf(interviewer)).length).toBe(1)
  const [target] = await boardShapesOf(interviewer)
  await interviewer.evaluate((id) => {
    window.__scaleboardEditor?.select(id as never)
  }, target?.id ?? '')
  await interviewer.getByRole('button', { name: 'Pin comment' }).click()
  await interviewer.keyboard.type('Where does the cache sit?')
  await interviewer.keyboard.press('Escape')
  await expect
    .poll(async () => (await annotationsOf(candidate)).filter((s) => s.annotation?.pin).length)
    .toBe(1)
  const pinnedBefore = (await annotationsOf(candidate)).find((s) => s.annotation?.pin)
  expect(pinnedBefore?.annotation?.pin?.shapeId).toBe(target?.id)

  await candidate.evaluate((id) => {
    const editor = window.__scaleboardEditor
    const shape = editor?.getShape(id as never)
    if (shape) editor?.updateShapes([{ id: shape.id, type: shape.type, x: shape.x + 300, y: shape.y + 40 }])
  }, target?.id ?? '')
  for (const page of [candidate, interviewer])
    await expect
      .poll(async () => {
        const pinned = (await annotationsOf(page)).find((s) => s.annotation?.pin)
        return pinned && pinnedBefore ? [pinned.x - pinnedBefore.x, pinned.y - pinnedBefore.y] : null
      })
      .toEqual([300, 40])

  // Deleted, the component leaves its comment greyed at its last place, for everyone.
  await candidate.evaluate((id) => {
    window.__scaleboardEditor?.deleteShapes([id as never])
  }, target?.id ?? '')
  for (const page of [candidate, interviewer])
    await expect
      .poll(async () => (await annotationsOf(page)).find((s) => s.annotation?.pin)?.opacity)
      .toBeLessThan(1)
  await expect(candidate.getByText('Interviewer · component removed')).toBeVisible()

  // What the interviewer drew is stored: a reload brings it back, where it last was.
  await interviewer.waitForTimeout(1200)
  await candidate.reload()
  await expect.poll(async () => (await annotationsOf(candidate)).length, { timeout: 15_000 }).toBe(2)
  const reloadedPin = (await annotationsOf(candidate)).find((s) => s.annotation?.pin)
  expect(
    reloadedPin && pinnedBefore && [reloadedPin.x - pinnedBefore.x, reloadedPin.y - pinnedBefore.y],
  ).toEqual([300, 40])
  await candidate.screenshot({ path: 'test-results/annotations-candidate.png' })
})
