import type { Locator, Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test } from './fixtures.ts'

/** "Within a couple of seconds": a debounced recompute, a `changed` frame and a refetch. */
const PROMPTLY = { timeout: 5000 }

/** Screenshots to look at: into SHOTS_DIR when set, else beside the other test results. */
const shot = (name: string): string => `${process.env.SHOTS_DIR ?? 'test-results'}/analysis-${name}.png`

const section = (page: Page): Locator => page.getByTestId('section-analysis')
const badges = (page: Page, state?: string): Locator =>
  page.locator(`[data-testid="analysis-badge"]${state ? `[data-state="${state}"]` : ''}`)

/** The ids of the cards whose badge says overloaded, sorted. */
async function overloadedIds(page: Page): Promise<string[]> {
  const ids = await badges(page, 'overloaded').evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-shape-id') ?? ''),
  )
  return ids.sort()
}

/** Where a shape is drawn on the screen, in CSS pixels of the page. */
function shapeOnScreen(
  page: Page,
  id: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate((shapeId) => {
    const editor = window.__scaleboardEditor
    const bounds = editor?.getShapePageBounds(shapeId as never)
    if (!editor || !bounds) throw new Error(`no shape ${shapeId}`)
    const topLeft = editor.pageToScreen({ x: bounds.minX, y: bounds.minY })
    const bottomRight = editor.pageToScreen({ x: bounds.maxX, y: bounds.maxY })
    return { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y }
  }, id)
}

/** A component card's name as the board shows it. */
function shapeName(page: Page, id: string): Promise<string> {
  return page.evaluate((shapeId) => {
    const shape = window.__scaleboardEditor?.getShape(shapeId as never)
    if (!shape) throw new Error(`no shape ${shapeId}`)
    return (shape.props as { name: string }).name
  }, id)
}

/** The whole board in view (badges are drawn only on cards in sight), as tldraw's "zoom to fit" does. */
async function fitBoard(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__scaleboardEditor?.zoomToFit({ animation: { duration: 0 } })
  })
}

/** The analysed component cards on the board (the current state's, as the candidate drew nothing). */
function componentIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    return editor
      .getCurrentPageShapes()
      .filter((shape) => shape.type === 'component')
      .map((shape) => shape.id as string)
  })
}

test('live analysis: the interviewer’s scoreboard and badges, a 10× what-if, shown to the candidate, reset', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'mid' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  for (const page of [interviewer, candidate]) {
    await page.setViewportSize({ width: 1280, height: 800 })
    await openSidePanel(page)
    await fitBoard(page)
  }

  // The interviewer sees the analysis of the scenario's current state (the candidate drew nothing),
  // marked as theirs alone; the candidate sees nothing of it.
  const panel = section(interviewer)
  await expect(panel).toBeVisible(PROMPTLY)
  await expect(panel.getByText('Interviewer only')).toBeVisible()
  for (const id of ['headroom', 'latency', 'budget', 'availability'])
    await expect(panel.getByTestId(`analysis-tile-${id}`)).toBeVisible()
  await expect(panel.getByText('this is the current state')).toBeVisible()
  const cards = await componentIds(interviewer)
  expect(cards.length).toBeGreaterThan(0)
  await expect(badges(interviewer).first()).toBeVisible(PROMPTLY)
  const badged = await badges(interviewer).evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-shape-id')),
  )
  for (const id of badged) expect(cards).toContain(id)
  const before = await overloadedIds(interviewer)
  await expect(section(candidate)).toHaveCount(0)
  await expect(badges(candidate)).toHaveCount(0)

  // The figures behind a tile open on click: utilisation per component.
  await panel.getByTestId('analysis-tile-headroom').click()
  await expect(panel.getByTestId('analysis-details').getByRole('listitem').first()).toBeVisible()
  await interviewer.screenshot({ path: shot('interviewer-panel') })

  // 10× traffic: a component the peak did not overload now is, red for the interviewer.
  await panel.getByRole('button', { name: '10×' }).click()
  await expect(panel.getByTestId('analysis-whatif-active')).toContainText('traffic × 10', PROMPTLY)
  await expect(interviewer.getByTestId('analysis-whatif-board')).toContainText('traffic × 10')
  await expect.poll(() => overloadedIds(interviewer), PROMPTLY).not.toEqual(before)
  const overloaded = (await overloadedIds(interviewer)).filter((id) => !before.includes(id))
  expect(overloaded.length).toBeGreaterThan(0)
  const [hotspot] = overloaded as [string]
  await expect(
    interviewer.locator(`[data-testid="analysis-outline"][data-shape-id="${hotspot}"]`),
  ).toBeVisible()
  await expect(panel.getByTestId('analysis-tile-headroom')).toHaveAttribute('data-tone', 'red')
  await expect(panel.getByTestId('analysis-finding').first()).toHaveAttribute('data-severity', 'error')
  await interviewer.screenshot({ path: shot('interviewer-what-if') })

  // Clicking a finding selects its shapes on the board.
  await panel.getByTestId('analysis-finding').first().click()
  await expect
    .poll(() => interviewer.evaluate(() => (window.__scaleboardEditor?.getSelectedShapeIds() ?? []).length))
    .toBeGreaterThan(0)
  await fitBoard(interviewer)

  // The candidate still sees nothing: the injection is the interviewer's until shown.
  await candidate.waitForTimeout(1000)
  await expect(section(candidate)).toHaveCount(0)
  await expect(badges(candidate)).toHaveCount(0)
  await expect(candidate.getByTestId('analysis-whatif-board')).toHaveCount(0)

  // Shown to everyone: the candidate's board outlines the overloaded component and says why.
  await panel.getByRole('switch', { name: 'Show to everyone' }).click()
  await expect(panel.getByText('Interviewer only')).toHaveCount(0, PROMPTLY)
  await expect(section(candidate)).toBeVisible(PROMPTLY)
  await expect(candidate.locator(`[data-testid="analysis-outline"][data-shape-id="${hotspot}"]`)).toBeVisible(
    PROMPTLY,
  )
  await expect(
    candidate.locator(`[data-testid="analysis-badge"][data-shape-id="${hotspot}"]`),
  ).toHaveAttribute('data-state', 'overloaded')
  await expect(candidate.getByTestId('analysis-whatif-board')).toContainText('traffic × 10')
  // …without the interviewer's controls
  await expect(section(candidate).getByTestId('analysis-whatif-controls')).toHaveCount(0)
  await expect(section(candidate).getByRole('switch', { name: 'Show to everyone' })).toHaveCount(0)
  // The candidate's finding shows the component; its badge sits on the card's top-right corner.
  const hotspotName = await shapeName(candidate, hotspot)
  await section(candidate)
    .getByTestId('analysis-finding')
    .filter({ hasText: `${hotspotName} is overloaded` })
    .click()
  const candidateBadge = candidate.locator(`[data-testid="analysis-badge"][data-shape-id="${hotspot}"]`)
  await expect
    .poll(async () => {
      const card = await shapeOnScreen(candidate, hotspot)
      const badge = await candidateBadge.boundingBox()
      if (!badge) return 'no badge'
      const centre = { x: badge.x + badge.width / 2, y: badge.y + badge.height / 2 }
      const onCorner =
        Math.abs(centre.x - (card.x + card.width)) < badge.width && Math.abs(centre.y - card.y) < badge.height
      return onCorner ? 'on the corner' : JSON.stringify({ card, badge })
    }, PROMPTLY)
    .toBe('on the corner')
  await candidate.screenshot({ path: shot('candidate-shown') })

  // Reset: back to the peak as drawn, for both.
  await fitBoard(candidate)
  await panel.getByRole('button', { name: 'Reset' }).click()
  await expect(panel.getByTestId('analysis-whatif-active')).toHaveCount(0, PROMPTLY)
  await expect.poll(() => overloadedIds(interviewer), PROMPTLY).toEqual(before)
  await expect(candidate.getByTestId('analysis-whatif-board')).toHaveCount(0, PROMPTLY)
  await expect.poll(() => overloadedIds(candidate), PROMPTLY).toEqual(before)
  await expect(candidate.locator(`[data-testid="analysis-outline"][data-shape-id="${hotspot}"]`)).toHaveCount(
    0,
  )

  // Hidden again: the candidate's panel and badges go.
  await panel.getByRole('switch', { name: 'Show to everyone' }).click()
  await expect(section(candidate)).toHaveCount(0, PROMPTLY)
  await expect(badges(candidate)).toHaveCount(0)

  // The wide screen, with a what-if in force again, for the eye.
  await panel.getByRole('button', { name: '5×' }).click()
  await expect(panel.getByTestId('analysis-whatif-active')).toContainText('traffic × 5', PROMPTLY)
  await interviewer.setViewportSize({ width: 1920, height: 1080 })
  await fitBoard(interviewer)
  await interviewer.screenshot({ path: shot('interviewer-1920') })
})

test('what-if injections combine, survive a reload and reset: a lost replica, a lost region, a cold cache', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(90_000)
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'mid' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  await interviewer.setViewportSize({ width: 1280, height: 800 })
  await openSidePanel(interviewer)
  await fitBoard(interviewer)
  const panel = section(interviewer)
  const active = panel.getByTestId('analysis-whatif-active')
  await expect(panel.getByTestId('analysis-tile-headroom')).toBeVisible(PROMPTLY)

  // The analysis follows the board: more replicas on the busiest card lower its badge.
  const busiest = await interviewer.evaluate(() => {
    const nodes = [...document.querySelectorAll('[data-testid="analysis-badge"]')]
    const percent = (node: Element) => Number.parseInt(node.textContent ?? '', 10) || 0
    const top = nodes.sort((a, b) => percent(b) - percent(a))[0]
    return { id: top?.getAttribute('data-shape-id') ?? '', text: top?.textContent ?? '' }
  })
  const busiestBadge = interviewer.locator(`[data-testid="analysis-badge"][data-shape-id="${busiest.id}"]`)
  await interviewer.evaluate((id) => {
    const editor = window.__scaleboardEditor
    const shape = editor?.getShape(id as never) as { props: { figures: { replicas?: number } } } | undefined
    if (!editor || !shape) throw new Error(`no shape ${id}`)
    const replicas = (shape.props.figures.replicas ?? 1) * 4
    // the current state is locked against slips; this edit goes through the lock on purpose
    editor.run(
      () =>
        editor.updateShape({
          id,
          type: 'component',
          props: { figures: { ...shape.props.figures, replicas } },
        } as never),
      { ignoreShapeLock: true },
    )
    const after = editor.getShape(id as never) as unknown as typeof shape
    if (after?.props.figures.replicas !== replicas) throw new Error('the board did not take the change')
  }, busiest.id)
  await expect(busiestBadge).not.toHaveText(busiest.text, PROMPTLY)
  expect(Number.parseInt((await busiestBadge.textContent()) ?? '', 10)).toBeLessThan(
    Number.parseInt(busiest.text, 10),
  )

  // Losing a replica needs a selected component; the button names it.
  const loseReplica = panel.getByRole('button', { name: /^Lose a replica/ })
  await expect(loseReplica).toBeDisabled()
  const [target] = (await badges(interviewer, 'ok').evaluateAll((nodes) =>
    nodes.map((node) => node.getAttribute('data-shape-id') ?? ''),
  )) as [string]
  await interviewer.evaluate((id) => {
    window.__scaleboardEditor?.select(id as never)
  }, target)
  const name = await shapeName(interviewer, target)
  await expect(loseReplica).toHaveText(`Lose a replica of ${name}`)
  await loseReplica.click()
  await expect(active).toContainText(`${name} − 1 replica`, PROMPTLY)

  // A region lost on top of it: every card in it is down, and says so.
  await panel.getByRole('button', { name: 'Lose region' }).click()
  await expect(active).toContainText('lost', PROMPTLY)
  await expect(active).toContainText(`${name} − 1 replica`)
  await expect(badges(interviewer, 'down').first()).toBeVisible(PROMPTLY)
  await expect(panel.getByRole('button', { name: 'Restore region' })).toBeVisible()

  // Cold cache, combined with the rest.
  await panel.getByRole('switch', { name: 'Cold cache' }).click()
  await expect(active).toContainText('cold cache', PROMPTLY)

  // The injection is the server's: a reload shows it again.
  await interviewer.reload()
  await openSidePanel(interviewer)
  await expect(section(interviewer).getByTestId('analysis-whatif-active')).toContainText(
    'cold cache',
    PROMPTLY,
  )
  await expect(section(interviewer).getByTestId('analysis-whatif-active')).toContainText(
    `${name} − 1 replica`,
  )

  // Restoring the region keeps the other injections; Reset clears them all.
  await section(interviewer).getByRole('button', { name: 'Restore region' }).click()
  await expect(section(interviewer).getByTestId('analysis-whatif-active')).not.toContainText(
    ' lost',
    PROMPTLY,
  )
  await expect(section(interviewer).getByTestId('analysis-whatif-active')).toContainText('cold cache')
  await section(interviewer).getByRole('button', { name: 'Reset' }).click()
  await expect(section(interviewer).getByTestId('analysis-whatif-active')).toHaveCount(0, PROMPTLY)
  await expect(interviewer.getByTestId('analysis-whatif-board')).toHaveCount(0)
  await expect(badges(interviewer, 'down')).toHaveCount(0)
})
