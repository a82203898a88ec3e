import type { Locator, Page } from '@playwright/test'
import { ADMIN_TOKEN, createSession } from '../serverProcess.ts'
import { expect, test, waitForLive } from './fixtures.ts'

/** Screenshots to look at: into SHOTS_DIR when set, else beside the other test results. */
const shot = (name: string): string => `${process.env.SHOTS_DIR ?? 'test-results'}/brief-${name}.png`

interface ScenarioView {
  options: { id: string }[]
  levels: { level: string; designMinutes?: number }[]
}

async function scenario(baseUrl: string, id: string): Promise<ScenarioView> {
  const response = await fetch(`${baseUrl}/api/scenarios/${id}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as ScenarioView
}

/** The $/hour of each option row in the order shown; null where an option has none. */
function hourlyPrices(table: Locator): Promise<(number | null)[]> {
  return table.getByTestId('brief-option-hour').evaluateAll((cells) =>
    cells.map((cell) => {
      const amount = cell.querySelector('.brief-options__amount')?.textContent ?? ''
      return amount ? Number(amount.replace(/[$,]/g, '')) : null
    }),
  )
}

function boxOf(locator: Locator) {
  return locator.boundingBox().then((box) => {
    if (!box) throw new Error('not on screen')
    return box
  })
}

/** The board's canvas and tldraw's idea of its size agree: the board resized with its container. */
async function expectBoardFitsCanvas(page: Page) {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const editor = (
          window as unknown as { __scaleboardEditor?: { getViewportScreenBounds(): { w: number } } }
        ).__scaleboardEditor
        const canvas = document.querySelector('.board-canvas')
        return editor && canvas ? Math.abs(editor.getViewportScreenBounds().w - canvas.clientWidth) : -1
      }),
    )
    .toBeLessThanOrEqual(1)
}

test('the brief: options compared in a sortable table, charts that expand, one time, a panel that widens', async ({
  server,
  openBoard,
}) => {
  const { options, levels } = await scenario(server.url, 'recommendations')
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'senior' })
  const { page } = await openBoard(session.links.candidate)
  const panel = page.getByTestId('panel-brief')
  const brief = page.getByTestId('brief')
  await expect(brief).toBeVisible()

  // ---- One statement of the time, the level's -----------------------------------------------
  const minutes = levels.find((l) => l.level === 'senior')?.designMinutes
  await expect(page.getByTestId('brief-time')).toHaveText(`${minutes} minutes to design`)
  await expect(brief).not.toContainText('60–90')
  await expect(brief).not.toContainText('You have')

  // ---- The options: a row group per option, inside the panel ------------------------------------
  const table = page.getByTestId('brief-options-table')
  const rows = table.getByTestId('brief-option')
  await expect(rows).toHaveCount(options.length)
  await expect(table.getByRole('columnheader')).toHaveText([
    /^Option/,
    /^\$\/hour/,
    /^\$\/month\s*730 h/,
    /^vCPU \/ memory \/ GPU/,
    /^Lead time/,
    /^Limits & notes/,
  ])
  await rows.first().scrollIntoViewIfNeeded()
  await page.screenshot({ path: shot('options-default') })
  const panelBox = await boxOf(panel)
  const scroller = page.locator('.brief-options__scroll')
  const scrollBox = await boxOf(scroller)
  expect(scrollBox.x).toBeGreaterThanOrEqual(panelBox.x)
  expect(scrollBox.x + scrollBox.width, 'the table stays inside the panel').toBeLessThanOrEqual(
    panelBox.x + panelBox.width,
  )
  expect(await panel.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1)

  // ---- Sorting by $/hour, with the mouse then the keyboard ------------------------------------
  const hourHeader = table.getByRole('columnheader', { name: /\$\/hour/ })
  const sortByHour = hourHeader.getByRole('button')
  await expect(hourHeader).not.toHaveAttribute('aria-sort')
  await sortByHour.click()
  await expect(hourHeader).toHaveAttribute('aria-sort', 'ascending')
  const ascending = await hourlyPrices(table)
  const priced = ascending.filter((p): p is number => p !== null)
  expect(priced.length).toBeGreaterThan(10)
  expect(priced).toEqual([...priced].sort((a, b) => a - b))
  expect(ascending.slice(0, priced.length), 'options without an hourly price come last').toEqual(priced)
  await sortByHour.focus()
  await page.keyboard.press('Enter')
  await expect(hourHeader).toHaveAttribute('aria-sort', 'descending')
  const descending = await hourlyPrices(table)
  const pricedDown = descending.filter((p): p is number => p !== null)
  expect(pricedDown).toEqual([...priced].reverse())
  expect(pricedDown[0]).toBeGreaterThan(pricedDown[pricedDown.length - 1])
  // Another column takes the sort over.
  await table
    .getByRole('columnheader', { name: /Option/ })
    .getByRole('button')
    .click()
  await expect(hourHeader).not.toHaveAttribute('aria-sort')
  await expect(table.getByRole('columnheader', { name: /Option/ })).toHaveAttribute('aria-sort', 'ascending')

  // ---- Filtering by provider keeps the comparison ------------------------------------------------
  await page.getByRole('button', { name: /^AWS/ }).click()
  const aws = await rows.count()
  expect(aws).toBeGreaterThan(0)
  expect(aws).toBeLessThan(options.length)
  await page.getByRole('button', { name: /^All/ }).click()
  await expect(rows).toHaveCount(options.length)

  // ---- The source shows on hover and on focus ----------------------------------------------------
  const first = rows.first()
  await expect(first.getByTestId('brief-option-hour')).toHaveAttribute(
    'title',
    /^Source: .+ \(seen \d{4}-\d{2}/,
  )
  const trigger = first.getByRole('link', { name: /^Price source for / })
  const tooltip = page.getByRole('tooltip')
  await expect(tooltip).toBeHidden()
  await trigger.hover()
  await expect(tooltip).toBeVisible()
  await expect(tooltip).toContainText(/Source: .+Seen \d{4}-\d{2}/)
  await expect(trigger).toHaveAccessibleDescription(/Source: .+Seen \d{4}-\d{2}/)
  await page.screenshot({ path: shot('source-tooltip') })
  await page.mouse.move(700, 400)
  await expect(tooltip).toBeHidden()
  await trigger.focus()
  await expect(tooltip).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(tooltip).toBeHidden()
  // An internal rate card has no page: its control is a button, with the same tooltip.
  const rateCard = rows.filter({ hasText: 'Data-centre VM' }).first()
  await rateCard.getByRole('button', { name: /^Price source for / }).focus()
  await expect(page.getByRole('tooltip')).toContainText('rate card')
  await page.keyboard.press('Escape')

  // ---- A chart expands in a dialog with readable axes, and Escape closes it ----------------------
  const chart = page.locator('figure[data-testid^="series-"]').first()
  await chart.scrollIntoViewIfNeeded()
  const smallBox = await boxOf(chart.locator('svg.recharts-surface'))
  expect(smallBox.height).toBeGreaterThanOrEqual(110)
  await expect(
    chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').first(),
  ).toBeVisible()
  const expand = chart.getByRole('button', { name: /^Expand the chart/ })
  await expand.click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toBeVisible()
  const plot = dialog.locator('svg.recharts-surface')
  const bigBox = await boxOf(plot)
  expect(bigBox.width).toBeGreaterThan(900)
  expect(bigBox.height).toBeGreaterThan(300)
  await expect(plot.locator('.recharts-label', { hasText: 'Time of day' })).toBeVisible()
  await expect(plot.locator('.recharts-label', { hasText: 'Requests per second' })).toBeVisible()
  await expect(
    plot.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value', { hasText: '12:00' }),
  ).toBeVisible()
  expect(
    await plot.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').count(),
  ).toBeGreaterThanOrEqual(4)
  await page.screenshot({ path: shot('chart-dialog') })
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(expand).toBeFocused()

  // ---- The panel widens by dragging its edge, and by the keyboard --------------------------------
  const separator = panel.getByRole('separator', { name: 'Resize Brief' })
  await expect(separator).toHaveAttribute('aria-orientation', 'vertical')
  const before = Math.round((await boxOf(panel)).width)
  await expect(separator).toHaveAttribute('aria-valuenow', String(before))
  await expect(separator).toHaveAttribute('aria-valuemin', '240')
  const max = Number(await separator.getAttribute('aria-valuemax'))
  expect(max).toBeLessThanOrEqual(Math.floor(1280 * 0.6))
  const canvasBefore = (await boxOf(page.locator('.board-canvas'))).width

  const grip = await boxOf(separator)
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2)
  await page.mouse.down()
  await page.mouse.move(grip.x + grip.width / 2 + 100, grip.y + 200, { steps: 5 })
  await page.mouse.move(grip.x + grip.width / 2 + 200, grip.y + 300, { steps: 5 })
  await page.mouse.up()
  await expect(separator).toHaveAttribute('aria-valuenow', String(before + 200))
  expect(Math.round((await boxOf(panel)).width)).toBe(before + 200)
  expect((await boxOf(page.locator('.board-canvas'))).width).toBeCloseTo(canvasBefore - 200, 0)
  await expectBoardFitsCanvas(page)

  // Dragging far beyond the limit stops at it.
  const grip2 = await boxOf(separator)
  await page.mouse.move(grip2.x + grip2.width / 2, grip2.y + 100)
  await page.mouse.down()
  await page.mouse.move(1250, grip2.y + 100, { steps: 8 })
  await page.mouse.up()
  await expect(separator).toHaveAttribute('aria-valuenow', String(max))

  await separator.focus()
  await page.keyboard.press('Home')
  await expect(separator).toHaveAttribute('aria-valuenow', '240')
  await page.keyboard.press('ArrowRight')
  await expect(separator).toHaveAttribute('aria-valuenow', '256')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await expect(separator).toHaveAttribute('aria-valuenow', '240')
  await page.keyboard.press('End')
  await expect(separator).toHaveAttribute('aria-valuenow', String(max))
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft')
  const widened = max - 4 * 64
  await expect(separator).toHaveAttribute('aria-valuenow', String(widened))
  await expectBoardFitsCanvas(page)
  await page.locator('.brief-options__scroll').scrollIntoViewIfNeeded()
  await page.mouse.move(700, 400)
  await page.screenshot({ path: shot('options-widened') })

  // ---- The width survives a reload ----------------------------------------------------------------
  await page.reload()
  await waitForLive(page)
  await expect(page.getByTestId('brief')).toBeVisible()
  await expect(panel.getByRole('separator')).toHaveAttribute('aria-valuenow', String(widened))
  expect(Math.round((await boxOf(panel)).width)).toBe(widened)
  await expectBoardFitsCanvas(page)

  // A double click on the edge goes back to the default width.
  await panel.getByRole('separator').dblclick()
  await expect(panel.getByRole('separator')).toHaveAttribute('aria-valuenow', String(before))
})

test('the brief on a desktop screen, at its default width and widened (screenshots to look at)', async ({
  browser,
  server,
}) => {
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'mid' })
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  const page = await context.newPage()
  await page.goto(session.links.candidate)
  await waitForLive(page)
  const panel = page.getByTestId('panel-brief')
  const table = page.getByTestId('brief-options-table')
  await table.scrollIntoViewIfNeeded()
  await page.screenshot({ path: shot('1920-default') })

  // Widest it may be: 720 px, and the board beside it still fits tldraw's view.
  await panel.getByRole('separator').focus()
  await page.keyboard.press('End')
  await expect(panel.getByRole('separator')).toHaveAttribute('aria-valuenow', '720')
  await expectBoardFitsCanvas(page)
  // Wide enough for every column: the table no longer scrolls sideways.
  const scroller = page.locator('.brief-options__scroll')
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1)
  await table.scrollIntoViewIfNeeded()
  await page.mouse.move(1200, 500)
  await page.screenshot({ path: shot('1920-widened') })
  await context.close()
})
