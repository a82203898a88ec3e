import { mkdirSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { createSession } from '../serverProcess.ts'
import { expect, test } from './fixtures.ts'

/** "Within a couple of seconds": how long a change may take to reach another browser. */
const PROMPTLY = { timeout: 3000 }
/** Wide enough for both side panels to start open. */
const DESKTOP = { width: 1920, height: 1080 }

const section = (page: Page, id: string): Locator => page.getByTestId(`section-${id}`)

test.use({ viewport: DESKTOP })

test('a requirement change and a clarification reach every brief live; the change joins the checklist', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
  // The design phase's clock runs, so stamps read "design +mm:ss".
  const phase = await fetch(`${server.url}/api/sessions/${session.id}/phase`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokenFromLink(session.links.interviewer)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ phase: 'design' }),
  })
  expect(phase.status).toBe(200)

  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  const observer = (await openBoard(session.links.observer)).page
  for (const page of [candidate, observer]) {
    await expect(page.getByTestId('brief')).toBeVisible()
    // Nothing changed yet: neither section shows.
    await expect(page.getByTestId('brief-changes')).toHaveCount(0)
    await expect(page.getByTestId('brief-clarifications')).toHaveCount(0)
  }

  // ---- The interviewer announces a change from the checklist panel, from the keyboard ----------
  const changes = section(interviewer, 'checklist').getByTestId('requirement-changes')
  await expect(changes).toContainText('the candidate and observers see each change at once')
  // The scenario's suggestions for a senior candidate are one click away.
  const budgetCut = changes.getByRole('button', { name: /budget by 30%/ })
  await expect(budgetCut).toBeVisible()
  const input = changes.getByRole('textbox', { name: 'Add a requirement change' })
  await input.fill('Traffic doubles in 6 months: plan for 3,200 payments a second.')
  await input.press('Enter')
  await expect(input).toHaveValue('', PROMPTLY)
  await expect(changes.getByTestId('requirement-change')).toHaveCount(1)

  // The candidate's brief shows it at once, on top, marked new with its session-clock time.
  for (const page of [candidate, observer]) {
    const shown = page.getByTestId('brief-change')
    await expect(shown).toHaveCount(1, PROMPTLY)
    await expect(shown).toContainText('Traffic doubles in 6 months')
    await expect(shown).toContainText('New')
    await expect(shown.locator('time')).toHaveText(/^design \+\d\d:\d\d$/)
  }

  // The interviewer's checklist has the new item, to rate like any other.
  const newItem = section(interviewer, 'checklist')
    .getByTestId('checklist-item')
    .filter({ hasText: 'Traffic doubles in 6 months' })
  await expect(newItem).toHaveCount(1, PROMPTLY)
  await expect(newItem).toContainText('added')
  await expect(newItem).toHaveAttribute('data-status', 'open')

  // A suggestion in one click; it is offered no more, and the newest change comes first.
  await budgetCut.click()
  await expect(changes.getByTestId('requirement-change')).toHaveCount(2, PROMPTLY)
  await expect(changes.getByRole('button', { name: /budget by 30%/ })).toHaveCount(0)
  await expect(candidate.getByTestId('brief-change')).toHaveCount(2, PROMPTLY)
  await expect(candidate.getByTestId('brief-change').first()).toContainText('budget by 30%')

  // ---- An answer marked as a clarification shows in the brief too ------------------------------
  const qa = section(interviewer, 'qa')
  await qa
    .getByRole('textbox', { name: 'Answer or comment' })
    .fill('The 50 ms budget is measured at our API.')
  await qa.getByRole('checkbox', { name: 'Clarifies the brief' }).check()
  await qa.getByRole('button', { name: 'Send' }).click()
  // A plain answer does not.
  await qa.getByRole('textbox', { name: 'Answer or comment' }).fill('Good question.')
  await qa.getByRole('button', { name: 'Send' }).click()
  for (const page of [candidate, observer]) {
    const clarification = page.getByTestId('brief-clarification')
    await expect(clarification).toHaveCount(1, PROMPTLY)
    await expect(clarification).toContainText('measured at our API')
    await expect(clarification.locator('time')).toHaveText(/^design \+\d\d:\d\d$/)
  }
  await expect(candidate.getByTestId('brief')).not.toContainText('Good question.')

  // Candidates and observers cannot announce changes, and never see the suggestions.
  for (const page of [candidate, observer]) {
    await expect(page.getByTestId('requirement-changes')).toHaveCount(0)
    const text = (await page.evaluate(() => document.documentElement.textContent)) ?? ''
    expect(text).not.toContain('Regulators require every decision')
  }

  // Still there after a reload.
  await candidate.reload()
  await expect(candidate.getByTestId('brief-change')).toHaveCount(2)
  await expect(candidate.getByTestId('brief-clarification')).toHaveCount(1)

  mkdirSync('/tmp/shots', { recursive: true })
  await candidate.getByTestId('brief-clarification').waitFor()
  await candidate.screenshot({ path: '/tmp/shots/brief-requirements.png' })
  await section(interviewer, 'checklist').getByTestId('requirement-changes').scrollIntoViewIfNeeded()
  await interviewer.screenshot({ path: 'test-results/requirements-interviewer.png' })
  // On a laptop screen the brief stays open and readable.
  await candidate.setViewportSize({ width: 1280, height: 800 })
  await expect(candidate.getByTestId('brief-change').first()).toBeVisible()
  await candidate.screenshot({ path: 'test-results/requirements-candidate-laptop.png' })
})
