/**
 * Replay seeks in the browser: a 90-minute session (the seeded interview, then 10,800 edits of 150
 * cards appended to its log) opened in the replay view; each seek is timed from a pointer event on
 * the timeline to the next frame after the board changed (history, store and tldraw's drawing).
 *
 *   pnpm build && pnpm exec playwright test --config bench/playwright.config.ts replay-seek
 *
 * It prints the timings; the target (150 ms) is checked by reading them, not by a timed test.
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Browser, Page } from '@playwright/test'
import { openBoardRecords } from '@scaleboard/board-sync/doc'
import * as Y from 'yjs'
import { cardRecord } from '../../apps/server/src/testing.ts'
import { expect, test } from '../../test/e2e/fixtures.ts'
import { seedReplaySession } from '../../test/e2e/replaySession.ts'

interface ReplayHook {
  __scaleboardReplay?: { lastSeekMs: number; lastMomentMs?: number; seeks: number }
}

async function openReplay(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  await page.goto(url)
  return { page, context }
}

const card = (page: Page, name: string) => page.locator('.tl-shape', { hasText: name })

test('seeks in a 90-minute session: from a click on the timeline to the board drawn', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000)
  const seeded = await seedReplaySession(server.url, { stepMs: 100 })
  // 90 minutes of editing appended to the board's log: 150 cards, one moved every half second
  await server.stop()
  const db = new DatabaseSync(join(server.dataDir, 'scaleboard.db'))
  try {
    const docId = seeded.session.id
    const doc = new Y.Doc()
    const rows = db
      .prepare('SELECT seq, at, "update" FROM doc_updates WHERE doc_id = ? ORDER BY seq')
      .all(docId) as Array<{
      seq: number
      at: number
      update: Uint8Array
    }>
    for (const row of rows) Y.applyUpdate(doc, row.update)
    const last = rows.at(-1) as { seq: number; at: number }
    const insert = db.prepare(
      'INSERT INTO doc_updates (doc_id, seq, at, author_session, author_role, author_user, "update") VALUES (?, ?, ?, ?, ?, NULL, ?)',
    )
    let seq = last.seq
    let at = last.at
    doc.on('update', (update: Uint8Array) => insert.run(docId, ++seq, at, docId, 'candidate', update))
    const records = openBoardRecords(doc)
    const cards = Array.from({ length: 150 }, (_, i) => ({
      ...cardRecord(`shape:load-${i}`, `Load card ${i}`, 2600 + (i % 15) * 260),
      y: 600 + Math.floor(i / 15) * 160,
    }))
    db.exec('BEGIN')
    for (let i = 0; i < 10_800; i++) {
      at = last.at + 1_000 + i * 500
      const card = cards[i % cards.length] as (typeof cards)[number]
      const moved = {
        ...card,
        x: card.x + ((i * 7) % 120),
        props: { ...card.props, name: `Load card ${i % 150} v${i}` },
      }
      cards[i % cards.length] = moved
      records.set(moved.id, moved)
    }
    db.exec('COMMIT')
  } finally {
    db.close()
  }
  await server.restart()

  const { page, context } = await openReplay(
    browser,
    `${server.url}/s/${seeded.session.id}/replay#token=${seeded.interviewer}`,
  )
  await expect(page.getByTestId('replay-page')).toBeVisible({ timeout: 60_000 })
  await expect(card(page, 'Load card 0 v10650')).toBeVisible()
  // from a click on the timeline to the next frame after the board changed: history, store, render
  const timings: number[] = []
  const parts: string[] = []
  for (const fraction of [0.5, 0.05, 0.95, 0.25, 0.75, 0.01, 0.99, 0.5]) {
    const ms = await page.evaluate(async (f) => {
      const track = document.querySelector('[data-testid="replay-scrubber"]') as HTMLElement
      const box = track.getBoundingClientRect()
      const began = performance.now()
      track.dispatchEvent(
        new PointerEvent('pointerdown', {
          bubbles: true,
          button: 0,
          pointerId: 1,
          clientX: box.left + f * box.width,
          clientY: box.top + 6,
        }),
      )
      track.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, button: 0, pointerId: 1 }))
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
      const total = performance.now() - began
      const hook = (window as unknown as ReplayHook).__scaleboardReplay
      return { total, history: hook?.lastMomentMs ?? 0, store: hook?.lastSeekMs ?? 0 }
    }, fraction)
    timings.push(ms.total)
    parts.push(`${ms.total.toFixed(0)} (history ${ms.history.toFixed(0)}, store ${ms.store.toFixed(0)})`)
  }
  const sorted = [...timings].sort((a, b) => a - b)
  console.info(`90-minute replay seeks, ms: ${parts.join(', ')}`)
  console.info(
    `seek p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms (target: 150 ms)`,
  )
  // the last seek went to the middle: a card's name from then is on the board
  const shownSeconds = Number(await page.getByTestId('replay-scrubber').getAttribute('aria-valuenow'))
  expect(shownSeconds).toBeGreaterThan(40 * 60)
  expect(shownSeconds).toBeLessThan(50 * 60)
  await context.close()
})
