import type { Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { ADMIN_TOKEN, createSession } from '../serverProcess.ts'
import { expect, test, waitForLive } from './fixtures.ts'

const api = (baseUrl: string, path: string, token: string, init: RequestInit = {}) =>
  fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  })

async function openHome(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/#admin=${ADMIN_TOKEN}`)
  await expect(page.getByRole('heading', { name: 'Recent sessions' })).toBeVisible()
  await expect(page.getByTestId('sessions-table')).toBeVisible()
}

const rowOf = (page: Page, title: string) => page.getByTestId('session-row').filter({ hasText: title })

test('the list shows each session’s scenario by name, level, phase and last activity, and fits its card at 1280 wide', async ({
  server,
  page,
}) => {
  const scenarios = (await (await api(server.url, '/api/scenarios', ADMIN_TOKEN)).json()) as Array<{
    id: string
    title: string
  }>
  const fraud = scenarios.find((s) => s.id === 'fraud-scoring')
  const listed = await createSession(server.url, {
    title: 'Staff ML engineer, loop 2',
    candidateName: 'Grace Hopper',
    scenarioId: 'fraud-scoring',
    level: 'senior',
  })
  // The interviewer moves it to design: the list shows the phase.
  const moved = await api(
    server.url,
    `/api/sessions/${listed.id}/phase`,
    tokenFromLink(listed.links.interviewer),
    {
      method: 'POST',
      body: '{"phase":"design"}',
    },
  )
  expect(moved.status).toBe(200)
  // Long words and titles must wrap inside the card, never push it sideways.
  await createSession(server.url, {
    title: `Principal${'platform'.repeat(12)} interview with a very long title that goes on and on`,
    candidateName: `Maximiliana-${'Alexandrina'.repeat(4)} Featherstonehaugh`,
    scenarioId: 'llm-assistant',
    level: 'mid',
  })
  await createSession(server.url, { title: 'Blank whiteboard round', candidateName: 'Ada Lovelace' })

  await page.setViewportSize({ width: 1280, height: 800 })
  await openHome(page, server.url)
  const row = rowOf(page, 'Staff ML engineer, loop 2')
  await expect(row).toContainText('Grace Hopper')
  await expect(row).toContainText(fraud?.title ?? 'missing scenario')
  await expect(row).not.toContainText('fraud-scoring')
  await expect(row).toContainText('Senior')
  await expect(row.getByTestId('session-phase')).toHaveText('Design')
  await expect(row.locator('time')).toHaveText(/just now|minute/)
  await expect(rowOf(page, 'Blank whiteboard round').getByTestId('session-phase')).toHaveText('Not started')
  await expect(rowOf(page, 'Blank whiteboard round')).toContainText('Blank board')

  // No sideways overflow: the table, each cell and each action lie inside the card.
  const boxes = await page.evaluate(() => {
    const card = document.querySelector('.home-recent') as HTMLElement
    const cardBox = card.getBoundingClientRect()
    const style = getComputedStyle(card)
    const inner =
      cardBox.right - Number.parseFloat(style.paddingRight) - Number.parseFloat(style.borderRightWidth)
    const parts = [...card.querySelectorAll('table, th, td, .home-table__actions > *')].map((element) => {
      const box = element.getBoundingClientRect()
      return { what: element.textContent?.slice(0, 30) ?? element.tagName, right: box.right, left: box.left }
    })
    return {
      inner,
      left: cardBox.left,
      cardOverflow: card.scrollWidth - card.clientWidth,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      parts,
    }
  })
  expect(boxes.cardOverflow, 'the card scrolls sideways').toBeLessThanOrEqual(0)
  expect(boxes.pageOverflow, 'the page scrolls sideways').toBeLessThanOrEqual(0)
  for (const part of boxes.parts) {
    expect(part.right, `${part.what} sticks out of the card`).toBeLessThanOrEqual(boxes.inner + 0.5)
    expect(part.left, `${part.what} starts left of the card`).toBeGreaterThanOrEqual(boxes.left)
  }
  await page.screenshot({ path: 'test-results/org-home-list.png', fullPage: true })
})

test('the organiser issues a new link: the old one then says it was replaced, the new one opens', async ({
  server,
  page,
  openBoard,
  browser,
}) => {
  const session = await createSession(server.url, { title: 'Rotate me', candidateName: 'Alan Turing' })
  const old = await openBoard(session.links.observer)
  await openHome(page, server.url)
  await rowOf(page, 'Rotate me').getByRole('button', { name: 'Links of “Rotate me”' }).click()
  const panel = page.getByRole('group', { name: 'Links of “Rotate me”' })
  await expect(panel).toContainText('only their hashes are stored')
  await panel.getByRole('button', { name: 'New observer link' }).click()
  const link = await panel.getByRole('textbox', { name: 'New observer link' }).inputValue()
  await expect(panel.getByRole('button', { name: 'Copy new observer link' })).toBeVisible()
  await expect(old.page.getByTestId('connection-failure')).toContainText('This link was withdrawn')

  const context = await browser.newContext()
  const stale = await context.newPage()
  await stale.goto(session.links.observer)
  await expect(stale.getByRole('heading', { name: 'This link was replaced' })).toBeVisible()
  await expect(stale.getByTestId('link-problem')).toContainText('Ask the organiser for the new link')
  await context.close()

  const fresh = await openBoard(link)
  await expect(fresh.page.getByTestId('role-badge')).toContainText('Observer')
})

test('the organiser deletes a session after confirming: its open board is told, its links then say it was deleted', async ({
  server,
  page,
  openBoard,
  browser,
}) => {
  const session = await createSession(server.url, { title: 'Delete me', candidateName: 'Barbara Liskov' })
  const candidate = await openBoard(session.links.candidate)
  await openHome(page, server.url)
  const row = rowOf(page, 'Delete me')
  const deleteButton = row.getByRole('button', { name: 'Delete “Delete me”' })

  // Esc cancels: nothing is deleted.
  await deleteButton.click()
  const dialog = page.getByRole('dialog', { name: 'Delete “Delete me”?' })
  await expect(dialog).toBeVisible()
  await expect(dialog).toContainText('Barbara Liskov')
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(row).toBeVisible()

  // Focus stays in the dialog, both ways round.
  await deleteButton.click()
  await expect(dialog).toBeVisible()
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key)
    expect(await dialog.evaluate((element) => element.contains(document.activeElement)), key).toBe(true)
  }
  await page.screenshot({ path: 'test-results/org-delete-dialog.png' })
  await dialog.getByRole('button', { name: 'Delete session' }).click()
  await expect(dialog).toHaveCount(0)
  await expect(row).toHaveCount(0)
  await expect(page.getByTestId('recent-notice')).toContainText('“Delete me” was deleted.')

  // The open board stops, and says why, without reconnecting.
  await expect(candidate.page.getByTestId('connection-failure')).toContainText('This interview was deleted')
  await expect(candidate.page.getByTestId('connection')).toHaveAttribute('data-state', 'disconnected')
  await candidate.page.screenshot({ path: 'test-results/org-board-deleted.png' })

  // The link, opened afterwards, says the same.
  const context = await browser.newContext()
  const later = await context.newPage()
  await later.goto(session.links.interviewer)
  await expect(later.getByRole('heading', { name: 'This interview was deleted' })).toBeVisible()
  await context.close()

  // The list agrees after a reload.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Recent sessions' })).toBeVisible()
  await expect(rowOf(page, 'Delete me')).toHaveCount(0)
})

test('the organiser opens a session as its interviewer; the interviewer’s own link still works', async ({
  server,
  page,
  openBoard,
}) => {
  const session = await createSession(server.url, {
    title: 'Open me',
    candidateName: 'Frances Allen',
    scenarioId: 'recommendations',
  })
  await openHome(page, server.url)
  const [board] = await Promise.all([
    page.context().waitForEvent('page'),
    rowOf(page, 'Open me').getByRole('link', { name: 'Open “Open me” as interviewer' }).click(),
  ])
  await waitForLive(board)
  expect(board.url()).toBe(`${server.url}/s/${session.id}#as=organiser`)
  expect(board.url()).not.toContain(ADMIN_TOKEN)
  await expect(board.getByTestId('role-badge')).toContainText('Interviewer')
  // The interviewer-only controls are there: the phase controls' Start.
  await expect(board.getByRole('button', { name: /^Start/ }).first()).toBeVisible()
  await board.screenshot({ path: 'test-results/org-open-as-interviewer.png' })

  const interviewer = await openBoard(session.links.interviewer)
  await expect(interviewer.page.getByTestId('role-badge')).toContainText('Interviewer')
  await board.close()
})
