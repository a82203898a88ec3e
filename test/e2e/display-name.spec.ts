import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, test, waitForLive } from './fixtures.ts'

/** Who the top bar's avatar list says is on the board (its accessible name lists everyone). */
function avatarList(page: Page) {
  return page.locator('.board-avatars')
}

/** Moves the mouse about the middle of the board, so others see this person's cursor. */
async function wave(page: Page) {
  const box = await page.locator('.tl-canvas').boundingBox()
  if (!box) throw new Error('no canvas')
  for (const dx of [0, 30, 60]) await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 3)
}

test('the interviewer sets a display name; the candidate sees it on the avatar and cursor, also after a reload', async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url)
  const interviewer = await openBoard(session.links.interviewer)
  const candidate = await openBoard(session.links.candidate)
  await expect(avatarList(candidate.page)).toHaveAttribute('aria-label', /Interviewer/)

  // Click, type, Enter. Extra spaces go; the badge still says which role this is.
  const control = interviewer.page.getByTestId('display-name')
  await expect(control).toHaveText(/Add your name/)
  await control.click()
  const input = interviewer.page.getByTestId('display-name-input')
  await expect(input).toBeFocused()
  await expect(input).toHaveAttribute('maxlength', '40')
  await input.fill('  Grace   Hopper ')
  await input.press('Enter')
  await expect(control).toHaveText('Grace Hopper')
  await expect(control).toBeFocused()
  await expect(interviewer.page.getByTestId('role-badge')).toContainText('Interviewer')

  // The candidate's avatar list names her, with her initials, at once.
  await expect(avatarList(candidate.page)).toHaveAttribute('aria-label', /Grace Hopper \(Interviewer\)/)
  await expect(avatarList(candidate.page).locator('.board-avatar', { hasText: /^GH/ })).toBeVisible()
  // and her cursor carries the name
  await wave(interviewer.page)
  await expect(candidate.page.locator('.tl-nametag', { hasText: 'Grace Hopper' })).toBeVisible()

  // Escape leaves the name as it was.
  await control.click()
  await interviewer.page.getByTestId('display-name-input').fill('Someone else')
  await interviewer.page.getByTestId('display-name-input').press('Escape')
  await expect(control).toHaveText('Grace Hopper')
  await expect(avatarList(candidate.page)).not.toHaveAttribute('aria-label', /Someone else/)

  // The interviewer reloads: the name is kept in the browser and published again.
  await interviewer.page.reload()
  await waitForLive(interviewer.page)
  await expect(interviewer.page.getByTestId('display-name')).toHaveText('Grace Hopper')
  await expect(avatarList(interviewer.page)).toHaveAttribute(
    'aria-label',
    /Grace Hopper \(Interviewer\) — you/,
  )
  await expect(avatarList(candidate.page)).toHaveAttribute('aria-label', /Grace Hopper \(Interviewer\)/)
  await wave(interviewer.page)
  await expect(candidate.page.locator('.tl-nametag', { hasText: 'Grace Hopper' })).toBeVisible()
  await interviewer.page.screenshot({ path: 'test-results/display-name-interviewer.png' })
  await candidate.page.screenshot({ path: 'test-results/display-name-candidate.png' })

  // An observer sees it too; neither the candidate nor the observer can choose a name.
  const observer = await openBoard(session.links.observer)
  await expect(avatarList(observer.page)).toHaveAttribute('aria-label', /Grace Hopper \(Interviewer\)/)
  await expect(candidate.page.getByTestId('display-name')).toHaveCount(0)
  await expect(observer.page.getByTestId('display-name')).toHaveCount(0)
  await expect(avatarList(candidate.page)).toHaveAttribute('aria-label', /Ada Lovelace \(Candidate\) — you/)

  // Emptying the name goes back to the role.
  await interviewer.page.getByTestId('display-name').click()
  await interviewer.page.getByTestId('display-name-input').fill('   ')
  await interviewer.page.getByTestId('display-name-input').press('Enter')
  await expect(interviewer.page.getByTestId('display-name')).toHaveText(/Add your name/)
  await expect(avatarList(candidate.page)).not.toHaveAttribute('aria-label', /Grace Hopper/)
})
