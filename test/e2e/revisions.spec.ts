import { readFile } from 'node:fs/promises'
import type { Locator, Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { ADMIN_TOKEN, createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test, waitForLive } from './fixtures.ts'

/** "Within a couple of seconds": how long a change may take to reach another browser. */
const PROMPTLY = { timeout: 3000 }

/** Screenshots to look at: into SHOTS_DIR when set, else beside the other test results. */
const shot = (name: string): string => `${process.env.SHOTS_DIR ?? 'test-results'}/revisions-${name}.png`

const revisionsOf = (page: Page): Locator => page.getByTestId('section-revisions')
const rowsOf = (page: Page): Locator => revisionsOf(page).getByTestId('revision')
const rowNamed = (page: Page, label: string): Locator =>
  rowsOf(page).filter({ has: page.getByTestId('revision-label').getByText(label, { exact: true }) })

/** Where the card names of a board are in the DOM (culled cards stay there, hidden). */
const cardNamed = (page: Page, name: string): Locator =>
  page.locator('.tl-canvas .sb-card__name').getByText(name, { exact: true })

/** A request sent from inside a page with a token, as a hand-written script would. */
function rawRequest(page: Page, method: string, path: string, token: string, body?: object): Promise<number> {
  return page.evaluate(
    async ([verb, url, bearer, payload]) => {
      const response = await fetch(url, {
        method: verb,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: payload === null ? undefined : JSON.stringify(payload),
      })
      return response.status
    },
    [method, path, token, body ?? null] as const,
  )
}

/** Saves a revision from the section's form, with Enter, as a person would. */
async function saveRevision(page: Page, label: string) {
  const input = revisionsOf(page).getByRole('textbox', { name: 'Mark this moment' })
  await input.fill(label)
  await input.press('Enter')
  await expect(rowNamed(page, label)).toHaveCount(1)
  await expect(input).toHaveValue('')
}

/** A CPU model server card, drawn far right of the scenario, made here and handed to the page. */
function addCard(page: Page, id: string, name: string, x: number): Promise<void> {
  const card = {
    id: `shape:${id}`,
    type: 'component',
    x,
    y: 3000,
    props: { kind: 'model-server-cpu', name, detail: '', figures: {}, w: 248, h: 112 },
  }
  return page.evaluate((record) => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    editor.createShapes([record] as never)
  }, card)
}

test('a revision saved by the candidate shows live for everyone; observers cannot save; the replay link follows sharing', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  const observer = (await openBoard(session.links.observer)).page
  for (const page of [interviewer, candidate, observer]) await openSidePanel(page)

  // Nothing saved yet: the section says what revisions are.
  for (const page of [interviewer, candidate, observer])
    await expect(revisionsOf(page).getByTestId('revisions-empty')).toContainText(
      'Revisions are saved at each phase change',
    )
  await expect(revisionsOf(observer).getByTestId('revisions-empty')).not.toContainText('Save one yourself')

  // An empty name is refused in plain words, before any request.
  const input = revisionsOf(candidate).getByRole('textbox', { name: 'Mark this moment' })
  await input.press('Enter')
  await expect(revisionsOf(candidate).getByRole('alert')).toHaveText(/Give the revision a name/)
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  await input.fill('b')
  await expect(revisionsOf(candidate).getByRole('alert')).toHaveCount(0)

  await saveRevision(candidate, 'before caching')
  await expect(rowNamed(candidate, 'before caching')).toContainText('Saved by the candidate')
  await candidate.screenshot({ path: shot('candidate-1280') })

  // The interviewer and the observer see it without reloading.
  for (const page of [interviewer, observer]) {
    await expect(rowNamed(page, 'before caching'), 'live on the other boards').toHaveCount(1, PROMPTLY)
    await expect(rowNamed(page, 'before caching')).toContainText('Saved by the candidate')
  }

  // Newest first: a second one goes on top, for everyone.
  await saveRevision(interviewer, 'after the GPU pool')
  await expect(rowsOf(candidate).first(), 'newest first').toContainText('after the GPU pool', PROMPTLY)
  await expect(rowsOf(candidate)).toHaveCount(2)

  // The observer watches: no form, no restore, no interviewer's part; the server refuses too.
  await expect(revisionsOf(observer).getByRole('button', { name: /Save revision/ })).toHaveCount(0)
  await expect(revisionsOf(observer).getByRole('textbox')).toHaveCount(0)
  await expect(revisionsOf(observer).getByRole('button', { name: /^Restore/ })).toHaveCount(0)
  await expect(revisionsOf(observer).getByTestId('revisions-manage')).toHaveCount(0)
  const observerToken = tokenFromLink(session.links.observer)
  expect(
    await rawRequest(observer, 'POST', `/api/sessions/${session.id}/revisions`, observerToken, {
      label: 'x',
    }),
  ).toBe(403)
  // …and the candidate may not restore.
  await expect(revisionsOf(candidate).getByRole('button', { name: /^Restore/ })).toHaveCount(0)
  await expect(revisionsOf(candidate).getByTestId('revisions-manage')).toHaveCount(0)

  // The replay: the observer and the interviewer have it, each with their own link's token.
  for (const [page, link] of [
    [observer, session.links.observer],
    [interviewer, session.links.interviewer],
  ] as const) {
    const href = await revisionsOf(page).getByTestId('open-replay').getAttribute('href')
    expect(href).toBe(`/s/${session.id}/replay#token=${tokenFromLink(link)}`)
  }
  const revisionId = await rowNamed(observer, 'before caching').getAttribute('data-revision-id')
  await expect(
    rowNamed(observer, 'before caching').getByRole('link', { name: /Replay from “before caching”/ }),
  ).toHaveAttribute('href', `/s/${session.id}/replay#token=${observerToken}&rev=${revisionId}`)

  // The candidate waits until the interviewer shares it, then gets it at once.
  await expect(revisionsOf(candidate).getByTestId('replay-waiting')).toHaveText(
    'The replay opens when the interviewer shares it.',
  )
  await expect(revisionsOf(candidate).getByTestId('open-replay')).toHaveCount(0)
  await expect(revisionsOf(candidate).getByRole('link', { name: /^Replay from/ })).toHaveCount(0)
  const share = revisionsOf(interviewer).getByRole('switch', { name: 'Let the candidate replay' })
  await expect(share).not.toBeChecked()
  await share.focus()
  await interviewer.keyboard.press('Space')
  await expect(share).toBeChecked()
  await expect(revisionsOf(candidate).getByTestId('open-replay')).toHaveAttribute(
    'href',
    `/s/${session.id}/replay#token=${tokenFromLink(session.links.candidate)}`,
    PROMPTLY,
  )
  await expect(revisionsOf(candidate).getByTestId('replay-waiting')).toHaveCount(0)
  await expect(revisionsOf(candidate).getByRole('link', { name: /^Replay from/ })).toHaveCount(2)
  await interviewer.screenshot({ path: shot('interviewer-1280') })

  // Unshared again: the candidate's link goes as promptly.
  await share.click()
  await expect(share).not.toBeChecked()
  await expect(revisionsOf(candidate).getByTestId('replay-waiting')).toBeVisible(PROMPTLY)
})

test('the interviewer restores a revision: both boards go back, and the restore is explained', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  for (const page of [interviewer, candidate]) await openSidePanel(page)

  // The candidate draws a card, marks the moment, then changes course: the card goes, a cache comes.
  // (Cards of the scenario's current state are locked, so the candidate's own card is the one removed.)
  await addCard(candidate, 'ranker', 'Ranker v1', 4000)
  for (const page of [interviewer, candidate])
    await expect(cardNamed(page, 'Ranker v1')).toHaveCount(1, PROMPTLY)
  await saveRevision(candidate, 'before caching')
  await candidate.evaluate(() => {
    window.__scaleboardEditor?.deleteShapes(['shape:ranker' as never])
  })
  await addCard(candidate, 'redis-cache', 'Redis cache', 4400)
  for (const page of [interviewer, candidate]) {
    await expect(cardNamed(page, 'Redis cache'), 'the edit reached every board').toHaveCount(1, PROMPTLY)
    await expect(cardNamed(page, 'Ranker v1')).toHaveCount(0, PROMPTLY)
  }

  // Restore…, with a dialog that says what happens; Cancel (where it starts) changes nothing.
  const row = rowNamed(interviewer, 'before caching')
  await expect(row).toHaveCount(1, PROMPTLY)
  await row.getByRole('button', { name: 'Restore “before caching”…' }).click()
  const dialog = interviewer.getByTestId('restore-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText(
    'The board goes back to ‘before caching’. Everyone sees it at once. Nothing is lost: the board as it is now is saved as a revision first, and the restore shows in the replay.',
  )
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await interviewer.screenshot({ path: shot('restore-dialog-1280') })
  await interviewer.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(cardNamed(candidate, 'Redis cache')).toHaveCount(1)

  // The connection drops as the interviewer confirms: the dialog stays, and says what happened.
  await row.getByRole('button', { name: 'Restore “before caching”…' }).click()
  const restorePath = `**/api/sessions/${session.id}/revisions/*/restore`
  await interviewer.route(restorePath, (route) => route.abort('internetdisconnected'))
  await dialog.getByRole('button', { name: 'Restore' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    'Could not restore ‘before caching’: Could not reach the Scaleboard server. Check your connection and try again.',
  )
  await expect(cardNamed(candidate, 'Redis cache')).toHaveCount(1)
  await interviewer.unroute(restorePath)

  await dialog.getByRole('button', { name: 'Restore' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(revisionsOf(interviewer).getByTestId('revisions-notice')).toHaveText(
    /^Restored ‘before caching’ \(\d+ records? written back(, \d+ removed)?\)$/,
  )

  // Both boards show the board of the revision: the removed card is back, the new one gone.
  for (const page of [interviewer, candidate]) {
    await expect(cardNamed(page, 'Ranker v1'), 'restored card').toHaveCount(1, PROMPTLY)
    await expect(cardNamed(page, 'Redis cache'), 'card drawn after the revision').toHaveCount(0, PROMPTLY)
  }
  // The board as it was before the restore is kept as a revision, on top, for both.
  for (const page of [interviewer, candidate]) {
    await expect(rowsOf(page).first()).toHaveAttribute('data-kind', 'restore', PROMPTLY)
    await expect(rowsOf(page).first()).toContainText('Before a restore')
  }
  // The candidate is told why their board changed.
  await expect(revisionsOf(candidate).getByTestId('revisions-notice')).toContainText(
    'restored an earlier revision',
    PROMPTLY,
  )
  await candidate.screenshot({ path: shot('candidate-after-restore-1280') })

  // The board stays restored across a reload (it was written back, not only shown).
  await candidate.reload()
  await waitForLive(candidate)
  await expect(cardNamed(candidate, 'Ranker v1')).toHaveCount(1)
  await expect(cardNamed(candidate, 'Redis cache')).toHaveCount(0)
})

test('the interviewer downloads the report, with or without private notes, and opens the printable one', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, {
    scenarioId: 'llm-assistant',
    level: 'senior',
    title: 'Ranking at scale — E2E',
  })
  const board = await openBoard(session.links.interviewer)
  const interviewer = board.page
  await openSidePanel(interviewer)
  const interviewerToken = tokenFromLink(session.links.interviewer)
  expect(
    await rawRequest(interviewer, 'POST', `/api/sessions/${session.id}/notes`, interviewerToken, {
      text: 'Private: strong on capacity maths',
    }),
  ).toBe(201)

  const report = revisionsOf(interviewer).getByTestId('revisions-report')
  const downloadMarkdown = async (): Promise<{ name: string; text: string }> => {
    const [download] = await Promise.all([
      interviewer.waitForEvent('download'),
      report.getByRole('button', { name: 'Download report (Markdown)' }).click(),
    ])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
  }

  const full = await downloadMarkdown()
  expect(full.name).toBe(`scaleboard-report-${session.id}.md`)
  expect(full.text.length).toBeGreaterThan(0)
  expect(full.text).toContain('Ranking at scale — E2E')
  expect(full.text).toContain('Private: strong on capacity maths')

  await report.getByRole('checkbox', { name: /Leave out my private notes/ }).check()
  const forCommittee = await downloadMarkdown()
  expect(forCommittee.name).toBe(`scaleboard-report-${session.id}-without-notes.md`)
  expect(forCommittee.text).toContain('Ranking at scale — E2E')
  expect(forCommittee.text).not.toContain('Private: strong on capacity maths')

  // The printable report opens in a new tab from a Blob URL and renders under the app's CSP.
  const cspInReport: string[] = []
  const context = interviewer.context()
  context.on('console', (message) => {
    if (message.page() !== interviewer && message.text().includes('Content Security Policy'))
      cspInReport.push(message.text())
  })
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    report.getByRole('button', { name: 'Printable report' }).click(),
  ])
  await expect(tab).toHaveURL(/^blob:/)
  await expect(tab.locator('body')).toContainText('Ranking at scale — E2E')
  await expect(tab.locator('body')).not.toContainText('Private: strong on capacity maths')
  await tab.screenshot({ path: shot('printable-report'), fullPage: false })
  expect(cspInReport).toEqual([])
  await tab.close()

  // The candidate has no report, and the server refuses a hand-made request for one.
  const candidate = (await openBoard(session.links.candidate)).page
  await openSidePanel(candidate)
  await expect(revisionsOf(candidate).getByRole('button', { name: /report/i })).toHaveCount(0)
  expect(
    await rawRequest(
      candidate,
      'GET',
      `/api/sessions/${session.id}/report?format=md`,
      tokenFromLink(session.links.candidate),
    ),
  ).toBe(403)
})

test('the organiser’s view links the replay with #as=organiser, never a token', async ({
  server,
  browser,
}) => {
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`${server.url}/#admin=${ADMIN_TOKEN}`)
    // the home page keeps the organiser token once it has signed in with it
    await expect(page.getByRole('heading', { name: 'Recent sessions' })).toBeVisible()
    await page.goto(`${server.url}/s/${session.id}#as=organiser`)
    await waitForLive(page)
    await openSidePanel(page)
    await saveRevision(page, 'organiser mark')
    await expect(rowNamed(page, 'organiser mark')).toContainText('Saved by the organiser')
    await expect(revisionsOf(page).getByTestId('open-replay')).toHaveAttribute(
      'href',
      `/s/${session.id}/replay#as=organiser`,
    )
    const revisionId = await rowNamed(page, 'organiser mark').getAttribute('data-revision-id')
    await expect(
      rowNamed(page, 'organiser mark').getByRole('link', { name: /^Replay from/ }),
    ).toHaveAttribute('href', `/s/${session.id}/replay#as=organiser&rev=${revisionId}`)
    await expect(revisionsOf(page).getByRole('switch', { name: 'Let the candidate replay' })).toBeVisible()
  } finally {
    await context.close()
  }
})

test('screens: the Revisions section at 1280×800 and 1920×1080', async ({ server, openBoard }) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  for (const page of [interviewer, candidate]) await openSidePanel(page)
  await saveRevision(candidate, 'first sketch')
  // leaving the design phase takes its own revision, "End of design"
  const next = interviewer.getByRole('button', { name: /^Next:/ })
  await next.click()
  await expect(next).toHaveAccessibleName(/Walkthrough/i)
  await next.click()
  await expect(rowNamed(interviewer, 'End of design')).toHaveAttribute('data-kind', 'phase', PROMPTLY)
  await expect(rowNamed(candidate, 'End of design')).toContainText('Phase change', PROMPTLY)
  await saveRevision(interviewer, 'before caching')
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    for (const [who, page] of [
      ['interviewer', interviewer],
      ['candidate', candidate],
    ] as const) {
      await page.setViewportSize(size)
      await revisionsOf(page).scrollIntoViewIfNeeded()
      await page.screenshot({ path: shot(`${who}-section-${size.width}`) })
    }
  }
})
