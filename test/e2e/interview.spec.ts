import type { Browser, Locator, Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { type CreatedSession, createSession } from '../serverProcess.ts'
import { expect, test, waitForLive } from './fixtures.ts'

/** "Within a second or two": how long a change may take to reach every browser. */
const PROMPTLY = { timeout: 2500 }
const MIN = 60_000

const timer = (page: Page): Locator => page.getByTestId('phase-timer')
const controls = (page: Page): Locator => page.getByTestId('phase-controls')

/** "42:17" → 2_537_000, "1:05:00" → 3_900_000, "+01:05" → -65_000 (overtime). */
function parseClock(text: string): number {
  const overtime = text.startsWith('+')
  const parts = text.replace('+', '').split(':').map(Number)
  const seconds = parts.reduce((total, part) => total * 60 + part, 0)
  return (overtime ? -seconds : seconds) * 1000
}

async function shownMs(page: Page): Promise<number> {
  return parseClock((await page.getByTestId('phase-clock').textContent()) ?? '')
}

async function serverView(baseUrl: string, sessionId: string, token: string) {
  const response = await fetch(`${baseUrl}/api/sessions/${sessionId}`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(response.status).toBe(200)
  return (await response.json()) as {
    phase: { name: string; paused: boolean; remainingMs: number | null; serverNow: string }
  }
}

/** What the server says is left right now, in ms. */
async function serverRemaining(baseUrl: string, session: CreatedSession): Promise<number> {
  const view = await serverView(baseUrl, session.id, tokenFromLink(session.links.interviewer))
  expect(view.phase.remainingMs).not.toBeNull()
  return view.phase.remainingMs as number
}

/** A phase command sent from inside a page with that page's role token, as a hand-written script would. */
function rawPhaseCommand(page: Page, sessionId: string, token: string, command: object): Promise<number> {
  return page.evaluate(
    async ([id, bearer, body]) => {
      const response = await fetch(`/api/sessions/${id}/phase`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return response.status
    },
    [sessionId, token, command] as const,
  )
}

async function expectEveryone(pages: Page[], phase: string, status?: string) {
  for (const page of pages) {
    await expect(timer(page)).toHaveAttribute('data-phase', phase, PROMPTLY)
    if (status) await expect(timer(page)).toHaveAttribute('data-status', status, PROMPTLY)
  }
}

/** Tabs from the start of the page until `target` has the focus: it can be reached by keyboard. */
async function tabTo(page: Page, target: Locator) {
  await page.locator('body').focus()
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return
  }
  throw new Error('could not reach the control with Tab')
}

/** A board in a browser whose clock is `skewMs` off (installed before the page loads). */
async function openSkewed(browser: Browser, link: string, skewMs: number) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.clock.install({ time: Date.now() + skewMs })
  await page.goto(link)
  await waitForLive(page)
  return { page, context }
}

test('phases and the shared timer: the interviewer runs the interview, everyone sees the same clock', async ({
  browser,
  server,
  openBoard,
}) => {
  test.setTimeout(150_000)
  const session = await createSession(server.url, {
    // A long briefing for pause, extend, reload and skew; the rest in seconds.
    phaseMinutes: { briefing: 6, design: 0.1, walkthrough: 0.05, feedback: 0.05, revision: 0.05 },
  })
  const candidate = (await openBoard(session.links.candidate)).page
  const interviewer = (await openBoard(session.links.interviewer)).page
  const observer = (await openBoard(session.links.observer)).page
  const everyone = [candidate, interviewer, observer]

  // A new session waits in the briefing, its clock not started; the planned length shows.
  await expectEveryone(everyone, 'briefing', 'not-started')
  for (const page of everyone) {
    await expect(timer(page)).toContainText('not started')
    await expect(page.getByTestId('phase-clock')).toHaveText('06:00')
  }

  // Only the interviewer has controls, marked as theirs; the server refuses the others anyway.
  await expect(controls(interviewer)).toBeVisible()
  await expect(controls(interviewer)).toHaveAccessibleName(/interviewer only/i)
  for (const [page, role] of [
    [candidate, 'candidate'],
    [observer, 'observer'],
  ] as const) {
    await expect(controls(page)).toHaveCount(0)
    await expect(page.getByRole('button', { name: /^(start|pause|resume|next:)/i })).toHaveCount(0)
    const token = tokenFromLink(session.links[role])
    expect(await rawPhaseCommand(page, session.id, token, { action: 'start' })).toBe(403)
    expect(await rawPhaseCommand(page, session.id, token, { phase: 'done' })).toBe(403)
  }
  await expectEveryone(everyone, 'briefing', 'not-started')

  // Start, from the keyboard: the button is reachable with Tab and shows where the focus is.
  const start = interviewer.getByRole('button', { name: 'Start' })
  await tabTo(interviewer, start)
  await expect(start).toHaveCSS('outline-style', 'solid')
  await interviewer.keyboard.press('Enter')
  await expectEveryone(everyone, 'briefing', 'running')
  await expect(candidate.getByTestId('phase-toast')).toHaveText('Briefing started')
  for (const page of everyone) {
    await expect(timer(page)).toHaveAttribute('data-tone', 'calm')
    expect(await shownMs(page)).toBeGreaterThan(5 * MIN + 50_000)
  }
  // It counts down, second by second.
  const first = await shownMs(candidate)
  await expect.poll(() => shownMs(candidate), PROMPTLY).toBeLessThan(first)

  // Pause freezes the countdown for everyone…
  await interviewer.getByRole('button', { name: 'Pause' }).click()
  await expectEveryone(everyone, 'briefing', 'paused')
  await expect(observer.getByTestId('phase-toast')).toHaveText('Timer paused')
  const frozen = await shownMs(interviewer)
  for (const page of everyone) await expect(timer(page)).toContainText('paused')
  await candidate.waitForTimeout(2500)
  for (const page of everyone) expect(await shownMs(page)).toBe(frozen)

  // …a reload keeps it paused at the same time…
  await candidate.reload()
  await waitForLive(candidate)
  await expect(timer(candidate)).toHaveAttribute('data-status', 'paused')
  expect(await shownMs(candidate)).toBe(frozen)

  // …and resume continues from there.
  await interviewer.getByRole('button', { name: 'Resume' }).click()
  await expectEveryone(everyone, 'briefing', 'running')
  await expect(candidate.getByTestId('phase-toast')).toHaveText('Timer resumed')
  await expect.poll(() => shownMs(observer), PROMPTLY).toBeLessThan(frozen)
  expect(await shownMs(observer)).toBeGreaterThan(frozen - 4000)

  // +5 min reaches everyone.
  await interviewer.getByRole('button', { name: '5 min' }).click()
  for (const page of everyone) await expect.poll(() => shownMs(page), PROMPTLY).toBeGreaterThan(10 * MIN)
  await expect(candidate.getByTestId('phase-toast')).toHaveText('5 min added to Briefing')

  // Everyone shows the server's time, within a couple of seconds; so does a reloaded page.
  await observer.reload()
  await waitForLive(observer)
  await expect(timer(observer)).toHaveAttribute('data-status', 'running')
  for (const page of everyone) {
    const server_ = await serverRemaining(server.url, session)
    expect(Math.abs((await shownMs(page)) - server_)).toBeLessThanOrEqual(2000)
  }

  // A browser whose clock is 10 minutes fast (or slow) still shows the server's countdown.
  for (const skew of [10 * MIN, -10 * MIN]) {
    const skewed = await openSkewed(browser, session.links.candidate, skew)
    await expect(timer(skewed.page)).toHaveAttribute('data-status', 'running', PROMPTLY)
    expect(
      await skewed.page.evaluate(() => Date.now()),
      'the page really has a skewed clock',
    ).toBeGreaterThan(Date.now() + skew - 60_000)
    // (The fake clock catches up for a moment after the page loads; then it must agree, and stay so.)
    const offBy = async () =>
      Math.abs((await shownMs(skewed.page)) - (await serverRemaining(server.url, session)))
    await expect.poll(offBy, PROMPTLY).toBeLessThanOrEqual(2000)
    await skewed.page.waitForTimeout(1500)
    expect(await offBy()).toBeLessThanOrEqual(2000)
    await skewed.context.close()
  }

  // Next: Design. Its 6 seconds are all inside the 5-minute warning: amber, then red overtime.
  await interviewer.getByRole('button', { name: 'Next: Design' }).click()
  await expectEveryone(everyone, 'design', 'running')
  await expect(candidate.getByTestId('phase-toast')).toHaveText('Now: Design')
  await expect(observer.getByTestId('phase-toast')).toHaveText('Now: Design')
  for (const page of everyone) {
    await expect(timer(page)).toHaveAttribute('data-tone', 'warning')
    expect(await shownMs(page)).toBeLessThanOrEqual(6000)
  }
  for (const page of everyone) {
    await expect(timer(page)).toHaveAttribute('data-tone', 'overtime', { timeout: 9000 })
    await expect(page.getByTestId('phase-clock')).toHaveText(/^\+00:0\d$/)
    await expect(timer(page)).toContainText('overtime')
  }
  // Overtime counts up, and never blocks the board: the candidate can still draw.
  const over = await shownMs(candidate)
  await expect.poll(() => shownMs(candidate), PROMPTLY).toBeLessThan(over)
  await expect(candidate.locator('.tl-canvas')).toBeVisible()

  // Through the remaining phases to the end, with the next-phase button.
  for (const [next, label] of [
    ['walkthrough', 'Walkthrough'],
    ['feedback', 'Feedback'],
    ['revision', 'Revision'],
    ['done', 'Done'],
  ] as const) {
    await interviewer.getByRole('button', { name: `Next: ${label}` }).click()
    await expectEveryone(everyone, next)
    if (next !== 'done') {
      for (const page of everyone) await expect(page.getByTestId('phase-clock')).toHaveText(/^00:0[0-3]$|^\+/)
    }
  }
  for (const page of everyone) {
    await expect(timer(page)).toHaveAttribute('data-status', 'done')
    await expect(timer(page)).toContainText('interview finished')
  }
  await expect(candidate.getByTestId('phase-toast')).toHaveText('The interview is finished')
  await expect(interviewer.getByRole('button', { name: /^Next:/ })).toHaveCount(0)

  // The menu goes to any phase, from the keyboard too; that clock starts at once.
  const menu = interviewer.getByRole('button', { name: 'Phases' })
  await menu.focus()
  await interviewer.keyboard.press('Enter')
  await expect(menu).toHaveAttribute('aria-expanded', 'true')
  await interviewer.keyboard.press('Escape')
  await expect(menu).toHaveAttribute('aria-expanded', 'false')
  await expect(menu).toBeFocused()
  await menu.click()
  await interviewer.getByRole('button', { name: /Revision/ }).click()
  await expectEveryone(everyone, 'revision', 'running')
  expect((await serverView(server.url, session.id, tokenFromLink(session.links.candidate))).phase.name).toBe(
    'revision',
  )
})

test('a command that does not apply now is explained in plain words', async ({ server, openBoard }) => {
  const session = await createSession(server.url)
  const interviewer = (await openBoard(session.links.interviewer)).page
  await expect(timer(interviewer)).toHaveAttribute('data-status', 'not-started')
  // Another interviewer tab started the clock a moment ago; this page sends a stale "start".
  const token = tokenFromLink(session.links.interviewer)
  expect(await rawPhaseCommand(interviewer, session.id, token, { action: 'resume' })).toBe(409)
  await interviewer.route(`**/api/sessions/${session.id}/phase`, (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'not_paused', message: 'The clock is not paused.' } }),
    }),
  )
  await interviewer.getByRole('button', { name: 'Start' }).click()
  const alert = controls(interviewer).getByRole('alert')
  await expect(alert).toContainText('Could not start the briefing clock. The clock is not paused.')
  await alert.getByRole('button', { name: 'Dismiss this message' }).click()
  await expect(alert).toHaveCount(0)
})

test('the top bar in each state, on a laptop and a desktop screen (screenshots to look at)', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, {
    scenarioId: 'llm-assistant',
    level: 'senior',
    phaseMinutes: { briefing: 30, design: 4, walkthrough: 0.02, feedback: 10, revision: 10 },
  })
  const sizes = [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ]
  const shots: { page: Page; name: string }[] = []
  for (const role of ['interviewer', 'candidate'] as const) {
    for (const size of sizes) {
      const { page } = await openBoard(session.links[role])
      await page.setViewportSize(size)
      shots.push({ page, name: `${role}-${size.width}` })
    }
  }
  const interviewer = shots[0].page
  async function shoot(state: string, full = false) {
    for (const { page, name } of shots) {
      await page.screenshot({
        path: `test-results/interview-topbar-${state}-${name}.png`,
        ...(full ? {} : { clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height: 110 } }),
      })
    }
  }
  const all = shots.map((s) => s.page)

  await expectEveryone(all, 'briefing', 'not-started')
  await shoot('not-started')
  await interviewer.getByRole('button', { name: 'Start' }).click()
  await expectEveryone(all, 'briefing', 'running')
  await shoot('running', true)
  await interviewer.getByRole('button', { name: 'Pause' }).click()
  await expectEveryone(all, 'briefing', 'paused')
  await shoot('paused')
  await interviewer.getByRole('button', { name: 'Next: Design' }).click()
  await expectEveryone(all, 'design', 'running')
  for (const page of all) await expect(timer(page)).toHaveAttribute('data-tone', 'warning')
  await shoot('warning')
  await interviewer.getByRole('button', { name: 'Next: Walkthrough' }).click()
  for (const page of all)
    await expect(timer(page)).toHaveAttribute('data-tone', 'overtime', { timeout: 5000 })
  await shoot('overtime')
  for (const { page, name } of shots.filter((s) => s.name.startsWith('interviewer'))) {
    await page.getByRole('button', { name: 'Phases' }).click()
    await page.screenshot({
      path: `test-results/interview-topbar-menu-${name}.png`,
      clip: { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height: 330 },
    })
    await page.keyboard.press('Escape')
  }
  await interviewer.getByRole('button', { name: 'Phases' }).click()
  await interviewer.getByRole('button', { name: /Done/ }).click()
  await expectEveryone(all, 'done', 'done')
  await shoot('done')
})
