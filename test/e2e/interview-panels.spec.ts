import type { Locator, Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test } from './fixtures.ts'

/** "Within a couple of seconds": how long a change may take to reach another browser. */
const PROMPTLY = { timeout: 3000 }

const section = (page: Page, id: string): Locator => page.getByTestId(`section-${id}`)

/** A request sent from inside a page with that page's role token, as a hand-written script would. */
function rawPost(page: Page, path: string, token: string, body: object): Promise<number> {
  return page.evaluate(
    async ([url, bearer, payload]) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      })
      return response.status
    },
    [path, token, body] as const,
  )
}

test('checklist, notes, Q&A and feedback: each role sees what it may, live', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, { scenarioId: 'llm-assistant', level: 'senior' })
  const interviewer = (await openBoard(session.links.interviewer)).page
  const candidate = (await openBoard(session.links.candidate)).page
  const observer = (await openBoard(session.links.observer)).page
  for (const page of [interviewer, candidate, observer]) await openSidePanel(page)

  // ---- Checklist and notes: the interviewer's, and marked so -----------------------------------
  const checklist = section(interviewer, 'checklist')
  await expect(checklist).toBeVisible()
  await expect(checklist.getByRole('button', { name: /Checklist/ })).toHaveAccessibleName(/interviewer only/i)
  await expect(section(interviewer, 'notes').getByRole('button', { name: /Notes/ })).toHaveAccessibleName(
    /interviewer only/i,
  )
  const firstItem = checklist.getByTestId('checklist-item').first()
  await expect(firstItem).toHaveAttribute('data-status', 'open')
  const itemText = (await firstItem.locator('.checklist-item__text').textContent()) ?? ''

  // Tick it (from the keyboard: the status control is a native select) and write a note, saved on blur.
  const status = firstItem.getByRole('combobox', { name: /^Status of/ })
  await status.focus()
  await status.selectOption('met')
  await expect(firstItem).toHaveAttribute('data-status', 'met', PROMPTLY)
  await expect(firstItem.locator('time')).toHaveText(/^briefing/, PROMPTLY)
  const itemNote = firstItem.getByRole('textbox', { name: /^Note on/ })
  await itemNote.fill('Named the GPU pool as the bottleneck without prompting')
  await itemNote.press('Tab')
  await interviewer.reload()
  await openSidePanel(interviewer)
  await expect(section(interviewer, 'checklist').getByTestId('checklist-item').first()).toHaveAttribute(
    'data-status',
    'met',
  )
  await expect(
    section(interviewer, 'checklist')
      .getByTestId('checklist-item')
      .first()
      .getByRole('textbox', { name: /^Note on/ }),
  ).toHaveValue('Named the GPU pool as the bottleneck without prompting')

  // A private note, stamped with the session clock.
  const notes = section(interviewer, 'notes')
  await expect(notes.getByText(/No notes yet/)).toBeVisible()
  await notes.getByRole('textbox', { name: 'New note' }).fill('Asked about peak traffic first: good instinct')
  await notes.getByRole('button', { name: 'Save note' }).click()
  await expect(notes.getByTestId('note')).toHaveCount(1)
  await expect(notes.getByTestId('note')).toContainText('Asked about peak traffic first')
  await expect(notes.getByTestId('note').locator('time')).toHaveText(/^briefing/)

  // The candidate and the observer: no checklist statuses, no notes panel; the server agrees.
  for (const page of [candidate, observer]) {
    await expect(section(page, 'qa')).toBeVisible()
    await expect(section(page, 'checklist')).toHaveCount(0)
    await expect(section(page, 'notes')).toHaveCount(0)
    await expect(page.getByTestId('checklist-item')).toHaveCount(0)
    await expect(page.getByText(itemText, { exact: true })).toHaveCount(0)
    await expect(page.getByText('Asked about peak traffic first')).toHaveCount(0)
  }
  const candidateToken = tokenFromLink(session.links.candidate)
  expect(await rawPost(candidate, `/api/sessions/${session.id}/notes`, candidateToken, { text: 'x' })).toBe(
    403,
  )
  const candidateChecklist = await candidate.evaluate(
    async ([id, bearer]) =>
      (
        await fetch(`/api/sessions/${id}/checklist`, { headers: { authorization: `Bearer ${bearer}` } })
      ).json(),
    [session.id, candidateToken] as const,
  )
  for (const item of (candidateChecklist as { items: { status?: string; note?: string }[] }).items) {
    expect(item.status).toBeUndefined()
    expect(item.note).toBeUndefined()
  }

  // ---- Q&A: the candidate asks, the interviewer answers as a clarification, the observer reads ----
  const candidateQa = section(candidate, 'qa')
  await expect(candidateQa.getByText(/No questions yet/)).toBeVisible()
  await candidateQa
    .getByRole('textbox', { name: 'Ask a question' })
    .fill('Do we need to support streaming tokens?')
  await candidateQa.getByRole('button', { name: 'Send' }).click()
  await expect(candidateQa.getByTestId('qa-message')).toHaveCount(1)

  const interviewerQa = section(interviewer, 'qa')
  await expect(interviewerQa.getByTestId('qa-message')).toContainText('streaming tokens', PROMPTLY)
  await interviewerQa
    .getByRole('textbox', { name: 'Answer or comment' })
    .fill('Yes: first token within 500 ms.')
  await interviewerQa.getByRole('checkbox', { name: 'Clarifies the brief' }).check()
  await interviewerQa.getByRole('textbox', { name: 'Answer or comment' }).press('Control+Enter')
  await expect(interviewerQa.getByTestId('qa-message')).toHaveCount(2)

  for (const page of [candidate, observer]) {
    const messages = section(page, 'qa').getByTestId('qa-message')
    await expect(messages).toHaveCount(2, PROMPTLY)
    await expect(messages.nth(0)).toHaveAttribute('data-author', 'candidate')
    await expect(messages.nth(1)).toHaveAttribute('data-author', 'interviewer')
    await expect(messages.nth(1)).toHaveAttribute('data-clarification', 'true')
    await expect(messages.nth(1)).toContainText('Clarifies the brief')
    await expect(messages.nth(1).locator('time')).toHaveText(/^briefing/)
  }
  // The observer reads but has no way to post, and the server refuses a hand-made post.
  await expect(section(observer, 'qa').getByRole('textbox')).toHaveCount(0)
  await expect(section(observer, 'qa').getByRole('button', { name: 'Send' })).toHaveCount(0)
  const observerToken = tokenFromLink(session.links.observer)
  expect(
    await rawPost(observer, `/api/sessions/${session.id}/messages`, observerToken, { text: 'hello' }),
  ).toBe(403)

  // ---- Feedback: written as a draft, seen by the candidate only once released --------------------
  const editor = section(interviewer, 'feedback').getByTestId('feedback-editor')
  await editor.getByRole('textbox', { name: 'One strength' }).fill('Clear capacity maths for the GPU pool.')
  await editor
    .getByRole('textbox', { name: /One thing to improve/ })
    .fill('Plan how a region failure is handled.')
  await editor.getByRole('button', { name: 'Save draft' }).click()
  await expect(editor.getByTestId('feedback-state')).toContainText('Draft', PROMPTLY)

  await expect(section(candidate, 'feedback').getByTestId('feedback-pending')).toBeVisible()
  await candidate.waitForTimeout(1500)
  await expect(candidate.getByText('Clear capacity maths')).toHaveCount(0)
  await expect(observer.getByText('Clear capacity maths')).toHaveCount(0)

  await editor.getByRole('button', { name: 'Release to candidate' }).click()
  await expect(editor.getByTestId('feedback-state')).toContainText('Released', PROMPTLY)
  for (const page of [candidate, observer]) {
    await expect(section(page, 'feedback').getByTestId('feedback-strength')).toHaveText(
      'Clear capacity maths for the GPU pool.',
      PROMPTLY,
    )
    await expect(section(page, 'feedback').getByTestId('feedback-improvement')).toHaveText(
      'Plan how a region failure is handled.',
    )
  }

  // In the revision phase the improvement stays in the candidate's view, over the board.
  const interviewerToken = tokenFromLink(session.links.interviewer)
  expect(
    await rawPost(interviewer, `/api/sessions/${session.id}/phase`, interviewerToken, { phase: 'revision' }),
  ).toBe(200)
  await expect(candidate.getByTestId('revision-focus')).toContainText(
    'Plan how a region failure is handled.',
    PROMPTLY,
  )
})
