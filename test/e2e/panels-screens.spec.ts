import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test } from './fixtures.ts'

const SCREENS = [
  { name: '1920', viewport: { width: 1920, height: 1080 } },
  { name: '1280', viewport: { width: 1280, height: 800 } },
] as const

/** Neither side panel scrolls sideways: nothing in it is wider than the panel. */
async function noSidewaysOverflow(page: Page) {
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid^="panel-"]')]
      .filter((panel) => panel.dataset.open === 'true')
      .map((panel) => ({ id: panel.dataset.testid, over: panel.scrollWidth - panel.clientWidth })),
  )
  for (const { id, over } of overflow) expect(over, `${id} overflows sideways`).toBeLessThanOrEqual(1)
}

for (const screen of SCREENS) {
  test(`the side panels in use, at ${screen.name} (screenshots to look at)`, async ({ browser, server }) => {
    test.setTimeout(90_000)
    const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
    const open = async (link: string) => {
      const context = await browser.newContext({ viewport: screen.viewport })
      const page = await context.newPage()
      await page.goto(link)
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
      await openSidePanel(page)
      // the whole board in view (it opens readable, so a wide one only in part)
      await page.evaluate(() => {
        window.__scaleboardEditor?.zoomToFit({ immediate: true })
      })
      return page
    }
    const interviewer = await open(session.links.interviewer)
    const candidate = await open(session.links.candidate)

    // A little of everything: a ticked item with a note, a private note, a requirement change,
    // a question and its answer, and a pinned comment on a component.
    const checklist = interviewer.getByTestId('section-checklist')
    const item = checklist.getByTestId('checklist-item').first()
    await item.getByRole('combobox', { name: /^Status of/ }).selectOption('partial')
    await interviewer
      .getByRole('textbox', { name: 'Add a requirement change' })
      .fill('Traffic doubles in 6 months')
    await interviewer.getByRole('button', { name: 'Announce' }).click()
    await candidate
      .getByTestId('section-qa')
      .getByRole('textbox')
      .fill('Is the 2 s budget to the first token?')
    await candidate.keyboard.press('Control+Enter')
    await interviewer.getByTestId('section-notes').getByRole('textbox').fill('Reads the brief carefully.')
    await interviewer.keyboard.press('Control+Enter')
    const pinTarget = await interviewer.evaluate(() => {
      const editor = window.__scaleboardEditor
      const card = editor?.getCurrentPageShapes().find((shape) => shape.type === 'component')
      if (card) editor?.select(card.id)
      return card?.id ?? null
    })
    expect(pinTarget).not.toBeNull()
    await interviewer.getByRole('button', { name: 'Pin comment' }).click()
    await interviewer.keyboard.type('Where does retrieval cache?')
    await interviewer.keyboard.press('Escape')
    await expect(candidate.getByTestId('annotation-badge').first()).toBeVisible()
    await expect(candidate.getByText('Traffic doubles in 6 months')).toBeVisible()

    for (const page of [interviewer, candidate]) await noSidewaysOverflow(page)
    await interviewer.screenshot({ path: `test-results/panels-interviewer-${screen.name}.png` })
    await candidate.screenshot({ path: `test-results/panels-candidate-${screen.name}.png` })
    await interviewer.context().close()
    await candidate.context().close()
  })
}
