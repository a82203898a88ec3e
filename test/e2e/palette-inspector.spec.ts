import type { Page } from '@playwright/test'
import { ComponentKind } from '@scaleboard/schema'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test } from './fixtures.ts'

interface Placed {
  id: string
  kind: string | null
}

/** The cards and regions placed on the page (not the locked current state), in creation order. */
function cards(page: Page): Promise<Placed[]> {
  return page.evaluate(() =>
    (window.__scaleboardEditor?.getCurrentPageShapes() ?? [])
      .filter((s) => (s.type === 'component' || s.type === 'region') && !s.isLocked)
      .map((s) => ({ id: s.id, kind: (s.props as { kind?: string }).kind ?? null })),
  )
}

/** Places a component with the palette (a click, as a person does) and returns the new card's id. */
async function placeFromPalette(page: Page, kind: string): Promise<string> {
  const before = new Set((await cards(page)).map((c) => c.id))
  await page.getByTestId('palette-search').fill(kind.replaceAll('-', ' '))
  await page.getByTestId(`palette-item-${kind}`).click()
  await expect.poll(async () => (await cards(page)).filter((c) => !before.has(c.id)).length).toBe(1)
  return (await cards(page)).find((c) => !before.has(c.id))?.id ?? ''
}

/** Whether an element's box lies inside the window and it is the element seen at its centre. */
function inSightAt(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect()
    const seen = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)
    return (
      box.width > 0 &&
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= window.innerWidth &&
      box.bottom <= window.innerHeight &&
      !!seen &&
      el.contains(seen)
    )
  })
}

test('every component is in sight in the palette at 1280×800, by group, and the search narrows it', async ({
  server,
  openBoard,
}) => {
  // a scenario, so the brief panel is open too and the board has the least room
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
  const { page } = await openBoard(session.links.candidate)
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 })

  // Closed: one row of what fits, nothing cut in half, and a way to all of them.
  const toggle = page.getByTestId('palette-toggle')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  for (const kind of ComponentKind.options) {
    const item = page.getByTestId(`palette-item-${kind}`)
    if (await item.isVisible()) expect(await inSightAt(page, `palette-item-${kind}`), kind).toBe(true)
  }

  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  for (const kind of ComponentKind.options) {
    await expect(page.getByTestId(`palette-item-${kind}`), kind).toBeVisible()
    expect(await inSightAt(page, `palette-item-${kind}`), `${kind} in sight`).toBe(true)
  }
  const list = page.getByTestId('palette-list')
  for (const group of ['Traffic', 'Compute', 'Data', 'Async', 'Operations'])
    await expect(list.getByRole('group', { name: group })).toBeVisible()
  expect(await list.evaluate((el) => el.scrollWidth - el.clientWidth), 'sideways scroll').toBeLessThanOrEqual(
    0,
  )
  await page.screenshot({ path: 'test-results/palette-open-1280.png' })

  // Escape puts it away and gives the keyboard back to the button that opened it.
  await page.keyboard.press('Escape')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(toggle).toBeFocused()

  // A search opens the matches only, from every group; clearing it closes them again.
  const search = page.getByTestId('palette-search')
  await search.fill('redis')
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByTestId('palette-item-cache')).toBeVisible()
  await expect(page.getByTestId('palette-item-online-feature-store')).toBeVisible()
  await expect(page.getByTestId('palette-item-model-server-gpu')).toHaveCount(0)
  await expect(list.locator('.sb-palette__item')).toHaveCount(2)
  await search.fill('nothing like this')
  await expect(list).toContainText('No component matches')
  await search.press('Escape')
  await expect(search).toHaveValue('')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('palette-item-client')).toBeVisible()
})

test('the palette works from the keyboard alone: Tab in, arrows across the groups, Enter places', async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
  const { page } = await openBoard(session.links.candidate)
  const before = new Set((await cards(page)).map((c) => c.id))
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null)

  // Tab from the top of the page until the palette's search box has the keyboard.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  let steps = 0
  while ((await focused()) !== 'palette-search' && steps < 200) {
    await page.keyboard.press('Tab')
    steps++
  }
  expect(await focused()).toBe('palette-search')

  // The row is one stop: Tab enters it, the arrows move along it, Tab again reaches the button.
  await page.keyboard.press('Tab')
  expect(await focused()).toBe('palette-item-client')
  await page.keyboard.press('ArrowRight')
  expect(await focused()).toBe('palette-item-cdn')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Tab')
  expect(await focused()).toBe('palette-toggle')

  // Enter opens every group with the keyboard in it; the arrows go across and down the columns.
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('palette-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect.poll(focused).toBe('palette-item-client')
  await page.keyboard.press('ArrowRight')
  expect(await focused()).toBe('palette-item-model-server-cpu')
  await page.keyboard.press('ArrowDown')
  expect(await focused()).toBe('palette-item-model-server-gpu')
  await page.keyboard.press('End')
  expect(await focused()).toBe('palette-item-region-boundary')
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowDown')

  // Enter places it and keeps the keyboard here, so another can follow.
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await cards(page)).filter((c) => !before.has(c.id)))
    .toEqual([{ id: expect.any(String), kind: 'model-server-gpu' }])
  expect(await focused()).toBe('palette-item-model-server-gpu')

  // Escape closes the grid and hands the keyboard back to the button.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('palette-toggle')).toHaveAttribute('aria-expanded', 'false')
  expect(await focused()).toBe('palette-toggle')

  // From the search box: type, Arrow Down into the matches, Enter.
  await page.getByTestId('palette-search').focus()
  await page.keyboard.type('kafka')
  await page.keyboard.press('ArrowDown')
  expect(await focused()).toBe('palette-item-message-queue')
  await page.keyboard.press('Enter')
  await expect
    .poll(async () => (await cards(page)).filter((c) => !before.has(c.id)).map((c) => c.kind))
    .toEqual(['model-server-gpu', 'message-queue'])
})

test("the inspector hints with the kind's own defaults, adds up capacity and cost, and the card shows p50 and p99", async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url)
  const { page } = await openBoard(session.links.candidate)
  await openSidePanel(page)

  // A cache: its own hints, never the GPU server's "A10G" or "120".
  await placeFromPalette(page, 'cache')
  const hardware = page.getByTestId('figure-hardware')
  await expect(hardware).toHaveValue('')
  for (const name of ['hardware', 'capacityRpsPerReplica', 'costPerReplicaHourUsd', 'latencyP50Ms']) {
    const placeholder = (await page.getByTestId(`figure-${name}`).getAttribute('placeholder')) ?? ''
    expect(placeholder, name).not.toMatch(/A10G|120/)
  }
  const replicas = page.getByTestId('figure-replicas')
  await expect(replicas).toHaveValue('2')
  await replicas.fill('')
  await expect(replicas).toHaveAttribute('placeholder', 'e.g. 2')
  // a hint looks like one: italic and lighter than a value
  const looks = await replicas.evaluate((el) => {
    const hint = getComputedStyle(el, '::placeholder')
    return { style: hint.fontStyle, hint: hint.color, value: getComputedStyle(el).color }
  })
  expect(looks.style).toBe('italic')
  expect(looks.hint).not.toBe(looks.value)
  await replicas.fill('3')
  // nothing to add up until a capacity is set
  await expect(page.getByTestId('component-totals')).toHaveCount(0)
  await page.getByTestId('figure-capacityRpsPerReplica').fill('50000')
  await expect(page.getByTestId('total-capacity')).toHaveText('150k rps')
  await expect(page.getByTestId('total-cost')).toHaveCount(0)

  // A GPU server: its defaults add up, and the totals follow every change.
  const gpu = await placeFromPalette(page, 'model-server-gpu')
  await expect(page.getByTestId('figure-hardware')).toHaveValue('A10G')
  await expect(page.getByTestId('component-totals')).toContainText('Computed')
  await expect(page.getByTestId('total-capacity')).toHaveText('240 rps')
  await expect(page.getByTestId('total-cost')).toHaveText('$1,460')
  await page.getByTestId('figure-replicas').fill('5')
  await expect(page.getByTestId('total-capacity')).toHaveText('600 rps')
  await expect(page.getByTestId('total-cost')).toHaveText('$3,650')
  await expect(page.getByTestId('component-totals')).toContainText('5 × $1.0/h × 730 h')
  await page.getByTestId('figure-capacityRpsPerReplica').fill('')
  await expect(page.getByTestId('total-capacity')).toHaveCount(0)
  await page.getByTestId('figure-capacityRpsPerReplica').fill('120')
  await page.getByTestId('figure-latencyP50Ms').fill('12')
  await page.getByTestId('figure-latencyP99Ms').fill('40')
  await page.getByTestId('figure-latencyP99Ms').press('Tab')
  await page.getByTestId('component-summary').scrollIntoViewIfNeeded()
  await page.screenshot({ path: 'test-results/inspector-totals.png' })

  // The card, at 100%: both latencies, and everything inside its default size.
  const card = page.locator(`.tl-shape[data-shape-id="${gpu}"] .sb-card`)
  await expect(card.locator('.sb-card__figures')).toContainText('p50 12 ms · p99 40 ms')
  await page.evaluate((id) => {
    const editor = window.__scaleboardEditor
    const shape = editor?.getCurrentPageShapes().find((s) => s.id === id)
    const bounds = shape && editor?.getShapePageBounds(shape)
    if (!editor || !bounds) return
    editor.selectNone()
    editor.setCamera({ ...editor.getCamera(), z: 1 })
    editor.centerOnPoint(bounds.center)
  }, gpu)
  await expect.poll(() => page.evaluate(() => window.__scaleboardEditor?.getZoomLevel())).toBe(1)
  const fit = await card.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const lines = [...el.querySelectorAll<HTMLElement>('.sb-card__figures-line')]
    return {
      width: Math.round(box.width),
      height: Math.round(box.height),
      inside: [...el.children].every((child) => child.getBoundingClientRect().bottom <= box.bottom + 0.5),
      cut: lines.filter((line) => line.scrollWidth > line.clientWidth).map((line) => line.textContent),
    }
  })
  expect(fit).toEqual({ width: 248, height: 112, inside: true, cut: [] })
  await card.screenshot({ path: 'test-results/card-p50-p99.png' })
})
