import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, test } from './fixtures.ts'
import { brokenLabelWords } from './labels.ts'

const SCENARIOS = ['recommendations', 'fraud-scoring', 'image-moderation', 'llm-assistant']

interface NamedBox {
  name: string
  x: number
  y: number
  w: number
  h: number
}

/** The on-screen boxes of every card and every flow label on the canvas. */
function boxes(page: Page): Promise<{ cards: NamedBox[]; labels: NamedBox[] }> {
  return page.evaluate(() => {
    const read = (selector: string, nameOf: (el: Element) => string) =>
      [...document.querySelectorAll(selector)].map((el) => {
        const r = el.getBoundingClientRect()
        return { name: nameOf(el), x: r.x, y: r.y, w: r.width, h: r.height }
      })
    return {
      cards: read('.tl-canvas .sb-card', (el) => el.querySelector('.sb-card__name')?.textContent ?? '?'),
      labels: read(
        '.tl-canvas [data-shape-type="arrow"] .tl-text-label__inner',
        (el) => el.textContent ?? '?',
      ),
    }
  })
}

function overlap(a: NamedBox, b: NamedBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

for (const scenarioId of SCENARIOS) {
  test(`${scenarioId}: the first view is readable and no label covers a card or another label`, async ({
    server,
    openBoard,
  }, testInfo) => {
    const session = await createSession(server.url, { scenarioId, level: 'senior' })
    const { page } = await openBoard(session.links.candidate)
    await expect(page.locator('.tl-canvas .tl-frame-label', { hasText: 'Current state' })).toBeVisible()
    await page.evaluate(() => document.fonts.ready)
    await expect(
      page.locator('.tl-canvas [data-shape-type="arrow"] .tl-text-label__inner').first(),
    ).toBeVisible()

    // Readable at once: a card's name is drawn at 11 px or more (14.5 px at 100 %).
    const nameSize = await page
      .locator('.tl-canvas .sb-card__name:visible')
      .first()
      .evaluate((el) => {
        const zoom = el.getBoundingClientRect().height / (el as HTMLElement).offsetHeight
        return Number.parseFloat(getComputedStyle(el).fontSize) * zoom
      })
    expect(nameSize).toBeGreaterThanOrEqual(11)
    // kept in test-results/ for a person to look at
    await page.screenshot({ path: testInfo.outputPath(`${scenarioId}-first-view.png`) })

    // The whole current state in view, then every box against every other.
    await page.evaluate(() => {
      const editor = window.__scaleboardEditor
      editor?.zoomToFit({ immediate: true })
    })
    await page.waitForTimeout(300)
    const { cards, labels } = await boxes(page)
    expect(cards.length).toBeGreaterThan(3)
    expect(labels.length).toBeGreaterThan(3)
    const problems: string[] = []
    for (const label of labels) {
      for (const card of cards)
        if (overlap(label, card) > 0) problems.push(`label "${label.name}" covers card "${card.name}"`)
      for (const other of labels)
        if (other !== label && labels.indexOf(other) > labels.indexOf(label) && overlap(label, other) > 0)
          problems.push(`label "${label.name}" covers label "${other.name}"`)
    }
    for (const card of cards)
      for (const other of cards.slice(cards.indexOf(card) + 1))
        if (overlap(card, other) > 0) problems.push(`card "${card.name}" covers card "${other.name}"`)
    expect(problems).toEqual([])

    // No label breaks inside a word: each word of each label is drawn on one line.
    const brokenWords = await brokenLabelWords(page)
    expect(brokenWords).toEqual([])
    await page.screenshot({ path: testInfo.outputPath(`${scenarioId}-whole.png`) })
  })
}
