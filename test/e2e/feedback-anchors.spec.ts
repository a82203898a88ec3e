import type { Locator, Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test } from './fixtures.ts'

/** "Within a couple of seconds": how long a change may take to reach another browser. */
const PROMPTLY = { timeout: 3000 }

/** Screenshots to look at: into SHOTS_DIR when set, else beside the other test results. */
const shot = (name: string): string => `${process.env.SHOTS_DIR ?? 'test-results'}/feedback-${name}.png`

const section = (page: Page, id: string): Locator => page.getByTestId(`section-${id}`)

interface ScreenRect {
  x: number
  y: number
  width: number
  height: number
}

/** A component of the scenario's current state: its id, name and where it is on screen now. */
function firstComponent(page: Page): Promise<{ id: string; name: string }> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    const shape = editor
      .getCurrentPageShapes()
      .find((s) => s.type === 'component' && (s.props as { name: string }).name.trim() !== '')
    if (!shape) throw new Error('no component on the board')
    return { id: shape.id, name: (shape.props as { name: string }).name }
  })
}

/** Where a shape is drawn on the screen, in CSS pixels of the page (brought into view first if needed). */
function shapeOnScreen(page: Page, id: string): Promise<ScreenRect> {
  return page.evaluate((shapeId) => {
    const editor = window.__scaleboardEditor
    const bounds = editor?.getShapePageBounds(shapeId as never)
    if (!editor || !bounds) throw new Error(`no shape ${shapeId}`)
    if (!editor.getViewportPageBounds().contains(bounds))
      editor.centerOnPoint(bounds.center, { immediate: true })
    const topLeft = editor.pageToScreen({ x: bounds.minX, y: bounds.minY })
    const bottomRight = editor.pageToScreen({ x: bounds.maxX, y: bounds.maxY })
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y }
  }, id)
}

/** The board's document records (not the camera, selection or presence), as text to compare. */
function boardDocument(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    const records = editor.store.serialize('document')
    return JSON.stringify(
      Object.keys(records)
        .sort()
        .map((id) => records[id as keyof typeof records]),
    )
  })
}

function overlapArea(a: ScreenRect, b: ScreenRect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return Math.max(0, w) * Math.max(0, h)
}

test('feedback anchored to a component: chips for the interviewer, highlighted on the candidate’s board', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  for (const page of [interviewer, candidate]) {
    await page.setViewportSize({ width: 1920, height: 1080 })
    await openSidePanel(page)
  }

  // ---- The interviewer: nothing selected, so nothing to anchor to yet --------------------------
  const form = section(interviewer, 'feedback').getByTestId('feedback-editor')
  const anchorImprovement = form.getByRole('button', { name: 'Anchor to selection (improvement)' })
  await expect(anchorImprovement).toHaveAttribute('aria-disabled', 'true')
  await expect(anchorImprovement).toHaveAccessibleDescription(/Select components on the board first/)
  await anchorImprovement.focus()
  await interviewer.keyboard.press('Enter')
  await expect(form.getByTestId('anchor-chip')).toHaveCount(0)
  await section(interviewer, 'feedback').screenshot({ path: shot('interviewer-empty') })

  // Select a component of the current state by clicking it on the board.
  const component = await firstComponent(interviewer)
  const where = await shapeOnScreen(interviewer, component.id)
  await interviewer.mouse.click(where.x + where.width / 2, where.y + 12)
  await expect
    .poll(() => interviewer.evaluate(() => window.__scaleboardEditor?.getSelectedShapeIds() ?? []))
    .toEqual([component.id])

  await form.getByRole('textbox', { name: 'One strength' }).fill('Clear capacity maths for the GPU pool.')
  await form
    .getByRole('textbox', { name: /One thing to improve/ })
    .fill('This component is a single point of failure: plan for it going down.')
  await expect(anchorImprovement).toHaveAttribute('aria-disabled', 'false')
  // From the keyboard: focus the button and press Enter.
  await anchorImprovement.focus()
  await interviewer.keyboard.press('Enter')
  const chips = form.getByTestId('anchor-chip')
  await expect(chips).toHaveCount(1)
  await expect(chips.first()).toContainText(component.name)
  await expect(chips.first()).toHaveAttribute('data-shape-id', component.id)
  // The strength too, then cleared again: "Clear" empties one point's anchors only.
  await form.getByRole('button', { name: 'Anchor to selection (strength)' }).click()
  await expect(chips).toHaveCount(2)
  await form.getByRole('button', { name: 'Clear strength anchors' }).click()
  await expect(chips).toHaveCount(1)
  await interviewer.screenshot({ path: shot('interviewer-anchors') })

  await form.getByRole('button', { name: 'Release to candidate' }).click()
  await expect(form.getByTestId('feedback-state')).toContainText('Released', PROMPTLY)
  // Saved with the feedback: still anchored after a reload.
  await interviewer.reload()
  await openSidePanel(interviewer)
  await expect(
    section(interviewer, 'feedback').getByTestId('feedback-editor').getByTestId('anchor-chip'),
  ).toContainText(component.name)

  // ---- The candidate: the released feedback names the component, "Show on board" outlines it ----
  const feedback = section(candidate, 'feedback')
  await expect(feedback.getByTestId('feedback-improvement')).toHaveText(
    'This component is a single point of failure: plan for it going down.',
    PROMPTLY,
  )
  const improvement = feedback.locator('.feedback__point--improvement')
  await expect(improvement.getByTestId('anchor-chip')).toContainText(component.name)
  // The strength is anchored to nothing: no chips, no "Show on board".
  await expect(feedback.locator('.feedback__point--strength').getByTestId('anchor-chip')).toHaveCount(0)

  const before = await boardDocument(candidate)
  // Look elsewhere first, so "Show on board" has to bring the component into view.
  await candidate.evaluate(() => {
    window.__scaleboardEditor?.setCamera({ x: -4000, y: -4000, z: 0.5 })
  })
  await improvement.getByRole('button', { name: 'Show on board' }).click()
  await expect(improvement.getByRole('button', { name: 'Show on board' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  const outline = candidate.locator(
    `[data-testid="feedback-highlight-outline"][data-shape-id="${component.id}"]`,
  )
  await expect(outline).toBeVisible()
  // The camera comes to the component, and the outline sits over it.
  await expect(async () => {
    const drawn = await shapeOnScreen(candidate, component.id)
    const box = await outline.boundingBox()
    expect(box).not.toBeNull()
    const viewport = candidate.viewportSize() ?? { width: 0, height: 0 }
    expect(drawn.x).toBeGreaterThanOrEqual(0)
    expect(drawn.x + drawn.width).toBeLessThanOrEqual(viewport.width)
    expect(overlapArea(drawn, box as ScreenRect)).toBeGreaterThan(0.9 * drawn.width * drawn.height)
    // …around it, not far bigger.
    expect((box as ScreenRect).width).toBeLessThan(drawn.width + 30)
  }).toPass({ timeout: 5000 })
  await candidate.screenshot({ path: shot('candidate-highlight') })

  // The outline follows the camera.
  await candidate.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (editor) editor.setCamera({ ...editor.getCamera(), x: editor.getCamera().x + 150 })
  })
  await expect(async () => {
    const drawn = await shapeOnScreen(candidate, component.id)
    const box = (await outline.boundingBox()) as ScreenRect
    expect(overlapArea(drawn, box)).toBeGreaterThan(0.9 * drawn.width * drawn.height)
  }).toPass({ timeout: 3000 })

  // Esc dismisses it; nothing of it was written to the board.
  await candidate.keyboard.press('Escape')
  await expect(candidate.getByTestId('feedback-highlight')).toHaveCount(0)
  await expect(improvement.getByRole('button', { name: 'Show on board' })).toHaveAttribute(
    'aria-pressed',
    'false',
  )
  // …as does the close button on the outline's tag.
  await improvement.getByRole('button', { name: 'Show on board' }).click()
  await expect(outline).toBeVisible()
  await candidate.getByRole('button', { name: 'Stop highlighting (Esc)' }).click()
  await expect(candidate.getByTestId('feedback-highlight')).toHaveCount(0)

  expect(await boardDocument(candidate)).toBe(before)
  expect(await boardDocument(interviewer)).toBe(before)

  // ---- The revision phase: the pinned improvement outlines its component by itself ----
  const moved = await interviewer.evaluate(
    async ([id, bearer]) =>
      (
        await fetch(`/api/sessions/${id}/phase`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
          body: JSON.stringify({ phase: 'revision' }),
        })
      ).status,
    [session.id, tokenFromLink(session.links.interviewer)] as const,
  )
  expect(moved).toBe(200)
  await expect(candidate.getByTestId('revision-focus')).toBeVisible(PROMPTLY)
  await expect(outline).toBeVisible(PROMPTLY)
  expect(await boardDocument(candidate)).toBe(before)
})
