import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Browser, Page } from '@playwright/test'
import { openBoardRecords } from '@scaleboard/board-sync/doc'
import * as Y from 'yjs'
import { ADMIN_TOKEN } from '../serverProcess.ts'
import { drawRectangle, expect, test } from './fixtures.ts'
import { seedReplaySession } from './replaySession.ts'

const SHOTS = '/tmp/replay-shots'

interface ReplayHook {
  __scaleboardReplay?: { lastSeekMs: number; lastMomentMs?: number; seeks: number }
}

/** A replay link opened in its own browser context, as its own person, collecting CSP complaints. */
async function openReplay(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true })
  const page = await context.newPage()
  const cspViolations: string[] = []
  const foreign: string[] = []
  const origin = new URL(url).origin
  context.on('request', (request) => {
    const target = request.url()
    if (!target.startsWith(origin) && !target.startsWith('data:') && !target.startsWith('blob:'))
      foreign.push(target)
  })
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
  })
  await page.goto(url)
  return { page, context, cspViolations, foreign }
}

/** What the board shows: a card is in the DOM when the replay's store holds it. */
const card = (page: Page, name: string) => page.locator('.tl-shape', { hasText: name })

async function waitForSeek(page: Page, after = 0) {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as ReplayHook).__scaleboardReplay?.seeks ?? 0))
    .toBeGreaterThan(after)
}

/** Clicks the timeline at a time (epoch ms) of the span it shows. */
async function scrubTo(page: Page, at: number, span: { start: number; end: number }) {
  const track = page.getByTestId('replay-scrubber')
  const box = await track.boundingBox()
  if (!box) throw new Error('no timeline')
  const x = box.x + ((at - span.start) / (span.end - span.start)) * box.width
  // a drag from the start, as a person scrubs, ending at the moment wanted
  await page.mouse.move(box.x + 2, box.y + 8)
  await page.mouse.down()
  await page.mouse.move(x, box.y + 8, { steps: 6 })
  await page.mouse.up()
}

test('the replay shows any moment of the session, compares two revisions and exports the board', async ({
  browser,
  server,
  openBoard,
}) => {
  mkdirSync(SHOTS, { recursive: true })
  const seeded = await seedReplaySession(server.url)
  const { session, interviewer } = seeded
  // last, the interviewer marks the board: a shape of the annotations layer
  const board = (await openBoard(session.links.interviewer)).page
  await drawRectangle(board, { x: 420, y: 320 }, { x: 640, y: 440 })
  await expect(board.getByTestId('annotation-badge')).toHaveCount(1)
  await board.waitForTimeout(300)
  // the span the timeline draws: from the session's creation to the last thing logged
  const data = (await (
    await fetch(`${server.url}/api/sessions/${session.id}/replay`, {
      headers: { authorization: `Bearer ${interviewer}` },
    })
  ).json()) as {
    createdAt: string
    board: { updates: { at: number }[] }
    annotations: { updates: { at: number }[] }
    events: { at: number }[]
    revisions: { id: string; label: string; at: string }[]
  }
  const span = {
    start: Date.parse(data.createdAt),
    end: Math.max(
      ...data.board.updates.map((u) => u.at),
      ...data.annotations.updates.map((u) => u.at),
      ...data.events.map((e) => e.at),
      ...data.revisions.map((r) => Date.parse(r.at)),
    ),
  }

  const { page, context, cspViolations, foreign } = await openReplay(
    browser,
    `${server.url}/s/${session.id}/replay#token=${interviewer}`,
  )
  await expect(page.getByTestId('replay-page')).toBeVisible()
  await waitForSeek(page)
  // the token left the address bar at once, as on the board
  expect(page.url()).not.toContain('token=')
  await expect(page.getByTestId('replay-badge')).toHaveText('Replay')

  // the timeline: two phase chapters, both revisions, the candidate's activity
  await expect(page.getByTestId('replay-chapter')).toHaveText(['Design', 'Walkthrough'])
  await expect(page.getByTestId('replay-revision-marker')).toHaveCount(2)
  await expect(page.getByTestId('replay-events')).toContainText('Q: Is the latency budget per request')
  await expect(page.locator('.replay-tick[data-kind="annotation"]')).toHaveCount(1)

  // it opens at the end: the feature cache is gone, the result cache is there
  await expect(card(page, 'Result cache')).toBeVisible()
  await expect(card(page, 'Feature cache')).toHaveCount(0)
  // the interviewer's mark is drawn over the board, badged as on the live board
  await expect(page.getByTestId('annotation-badge')).toHaveText('Interviewer')
  await page.screenshot({ path: `${SHOTS}/replay-whole-session.png` })

  // the middle of the session: the feature cache existed only then
  const middle = (seeded.cacheShown.from + seeded.cacheShown.to) / 2
  await scrubTo(page, middle, span)
  await expect(card(page, 'Feature cache')).toBeVisible()
  await expect(card(page, 'Result cache')).toHaveCount(0)
  await expect(page.getByTestId('annotation-badge')).toHaveCount(0)
  await page.screenshot({ path: `${SHOTS}/replay-middle.png` })

  // keyboard: `]` steps to the next revision, Space plays from there, End goes to the end
  await page.getByTestId('replay-scrubber').focus()
  await page.keyboard.press(']')
  await expect(page.getByTestId('replay-shown')).toContainText('End of design')
  await expect(card(page, 'Request router')).toBeVisible()
  await page.keyboard.press(' ')
  await expect(page.getByTestId('replay-play')).toHaveText('Pause')
  // playing reaches the tuning: the router goes, the result cache comes
  await expect(card(page, 'Result cache')).toBeVisible()
  await page.keyboard.press(' ')
  await expect(page.getByTestId('replay-play')).toHaveText('Play')
  await page.keyboard.press('End')
  await expect(card(page, 'Feature cache')).toHaveCount(0)
  await expect(page.getByTestId('annotation-badge')).toHaveCount(1)

  // compare "End of design" with the later revision
  await page.getByTestId('compare-from').selectOption({ label: 'End of design' })
  await page.getByTestId('compare-to').selectOption({ label: 'After tuning' })
  await page.getByTestId('compare-run').click()
  const changed = page.locator('[data-testid="diff-entry"][data-mark="changed"]')
  await expect(changed).toContainText(['GPU model server'])
  await expect(page.locator('[data-testid="diff-entry"][data-mark="added"]')).toContainText(['Result cache'])
  await expect(page.locator('[data-testid="diff-entry"][data-mark="removed"]')).toContainText([
    'Request router',
  ])
  await expect(page.locator('.replay-revision--from')).toHaveAttribute('data-label', 'End of design')
  await expect(page.locator('.replay-revision--to')).toHaveAttribute('data-label', 'After tuning')
  for (const mark of ['added', 'changed', 'removed'])
    await expect(page.locator(`[data-testid="diff-outline"][data-mark="${mark}"]`)).toHaveCount(1)
  // the removed router is drawn from the "End of design" board, faintly
  await expect(card(page, 'Request router')).toBeVisible()
  await expect(page.getByTestId('replay-shown')).toContainText('Comparing After tuning')
  await page.screenshot({ path: `${SHOTS}/replay-compare.png` })

  // PNG of the revision shown, downloaded with a readable name
  await page.getByTestId('replay-export').click()
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png').click(),
  ])
  expect(download.suggestedFilename()).toBe('Replay recommendations – After tuning.png')
  const file = await download.path()
  const bytes = readFileSync(file)
  expect(bytes.length).toBeGreaterThan(1000)
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')

  // leaving compare mode returns to the timeline's moment
  await page.getByTestId('compare-leave').click()
  await expect(page.getByTestId('diff-outline')).toHaveCount(0)
  await expect(card(page, 'Request router')).toHaveCount(0)

  expect(cspViolations).toEqual([])
  expect(foreign).toEqual([])
  await context.close()

  // a link to one revision (the board's Revisions list makes them) opens at it
  const endOfDesign = data.revisions.find((r) => r.label === 'End of design')
  const linked = await openReplay(
    browser,
    `${server.url}/s/${session.id}/replay#token=${interviewer}&rev=${endOfDesign?.id}`,
  )
  await expect(linked.page.getByTestId('replay-shown')).toContainText('End of design')
  await expect(card(linked.page, 'Request router')).toBeVisible()
  await expect(card(linked.page, 'Result cache')).toHaveCount(0)
  await linked.context.close()
})

test('a candidate opens the replay only once the interviewer shares it', async ({ browser, server }) => {
  const seeded = await seedReplaySession(server.url, { stepMs: 100 })
  const url = `${server.url}/s/${seeded.session.id}/replay#token=${seeded.candidate}`
  const first = await openReplay(browser, url)
  await expect(
    first.page.getByRole('heading', { name: 'The interviewer has not shared the replay yet' }),
  ).toBeVisible()
  await first.context.close()

  // the interviewer shares it from the replay's top bar
  const own = await openReplay(
    browser,
    `${server.url}/s/${seeded.session.id}/replay#token=${seeded.interviewer}`,
  )
  const share = own.page.getByTestId('replay-share')
  await expect(share).toHaveAttribute('aria-pressed', 'false')
  await share.click()
  await expect(share).toHaveAttribute('aria-pressed', 'true')
  await expect(share).toHaveText('Shared')
  await own.context.close()
  const second = await openReplay(browser, url)
  await expect(second.page.getByTestId('replay-page')).toBeVisible()
  await expect(card(second.page, 'Result cache')).toBeVisible()
  // the report is the interviewer's: a candidate has no report entries
  await second.page.getByTestId('replay-export').click()
  await expect(second.page.getByTestId('export-png')).toBeVisible()
  await expect(second.page.getByTestId('report-markdown')).toHaveCount(0)
  await second.context.close()

  // a replay link cut short gets the board's own message about bad links
  const damaged = await openReplay(
    browser,
    `${server.url}/s/${seeded.session.id}/replay#token=${seeded.candidate.slice(0, 20)}`,
  )
  await expect(damaged.page.getByTestId('link-problem')).toHaveAttribute('data-problem', 'malformed')
  await damaged.context.close()
})

test('the organiser opens the replay from the saved organiser token and downloads the report', async ({
  browser,
  server,
}) => {
  const seeded = await seedReplaySession(server.url, { stepMs: 100 })
  const context = await browser.newContext({ acceptDownloads: true })
  // what the home page keeps after the organiser signs in
  await context.addInitScript((token) => localStorage.setItem('scaleboard.adminToken', token), ADMIN_TOKEN)
  const page = await context.newPage()
  await page.goto(`${server.url}/s/${seeded.session.id}/replay#as=organiser`)
  await expect(page.getByTestId('replay-page')).toBeVisible()
  await expect(card(page, 'Result cache')).toBeVisible()
  expect(page.url()).not.toContain(ADMIN_TOKEN)
  await expect(page.getByTestId('replay-back')).toHaveAttribute(
    'href',
    `/s/${seeded.session.id}#as=organiser`,
  )
  await page.getByTestId('replay-export').click()
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('report-markdown').click(),
  ])
  expect(report.suggestedFilename()).toBe('Replay recommendations – report.md')
  const markdown = readFileSync(await report.path(), 'utf8')
  expect(markdown).toContain('Replay: recommendations')
  await context.close()
})

test('a damaged log still replays: a bad record and an unreadable update are marked, not fatal', async ({
  browser,
  server,
}) => {
  const seeded = await seedReplaySession(server.url, { stepMs: 100 })
  // what an old bug or a raw client could have left in the log, written behind the server's back
  await server.stop()
  const db = new DatabaseSync(join(server.dataDir, 'scaleboard.db'))
  try {
    const docId = seeded.session.id
    const last = db
      .prepare('SELECT max(seq) AS seq, max(at) AS at FROM doc_updates WHERE doc_id = ?')
      .get(docId) as {
      seq: number
      at: number
    }
    const badRecord = new Y.Doc()
    openBoardRecords(badRecord).set('shape:broken-card', {
      id: 'shape:broken-card',
      typeName: 'shape',
      type: 'component',
      props: { name: 42 },
    })
    const insert = db.prepare(
      'INSERT INTO doc_updates (doc_id, seq, at, author_session, author_role, author_user, "update") VALUES (?, ?, ?, ?, ?, NULL, ?)',
    )
    insert.run(docId, last.seq + 1, last.at + 500, docId, 'candidate', Y.encodeStateAsUpdate(badRecord))
    insert.run(docId, last.seq + 2, last.at + 1_000, docId, 'candidate', new Uint8Array([0xff, 0x01, 0x02]))
  } finally {
    db.close()
  }
  await server.restart()

  const { page, context } = await openReplay(
    browser,
    `${server.url}/s/${seeded.session.id}/replay#token=${seeded.interviewer}`,
  )
  await expect(page.getByTestId('replay-page')).toBeVisible()
  // the rest of the board is there
  await expect(card(page, 'Result cache')).toBeVisible()
  await expect(page.getByTestId('replay-skipped')).toContainText('1 record could not be shown')
  await page.getByTestId('replay-skipped').locator('summary').click()
  await expect(page.getByTestId('replay-skipped')).toContainText('shape:broken-card')
  await expect(page.getByTestId('replay-broken-marker')).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/replay-damaged-log.png` })
  await context.close()
})
