import type { Page } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { createSession } from '../serverProcess.ts'
import { expect, test } from './fixtures.ts'

const PROMPTLY = { timeout: 3000 }

interface View {
  x: number
  y: number
  w: number
  h: number
}

/** The page-space centre and size of what this browser shows. */
function viewOf(page: Page): Promise<View> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    const bounds = editor.getViewportPageBounds()
    return { x: bounds.center.x, y: bounds.center.y, w: bounds.w, h: bounds.h }
  })
}

function setCamera(page: Page, camera: { x: number; y: number; z: number }) {
  return page.evaluate((next) => {
    window.__scaleboardEditor?.setCamera(next)
  }, camera)
}

/** Centres within `tolerance` page units. */
async function sameCentre(page: Page, target: View, tolerance = 25): Promise<boolean> {
  const view = await viewOf(page)
  return Math.abs(view.x - target.x) <= tolerance && Math.abs(view.y - target.y) <= tolerance
}

function setPhase(page: Page, sessionId: string, token: string, phase: string): Promise<number> {
  return page.evaluate(
    async ([id, bearer, name]) => {
      const response = await fetch(`/api/sessions/${id}/phase`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ phase: name }),
      })
      return response.status
    },
    [sessionId, token, phase] as const,
  )
}

const indicator = (page: Page) => page.getByTestId('following-indicator')
const bringButton = (page: Page) => page.getByRole('button', { name: 'Bring everyone to my view' })

test('walkthrough: everyone follows the candidate, can stop, and the interviewer can bring everyone to their view', async ({
  server,
  openBoard,
}) => {
  test.setTimeout(120_000)
  const session = await createSession(server.url, {
    phaseMinutes: { briefing: 5, design: 5, walkthrough: 5, feedback: 5, revision: 5 },
  })
  const candidate = (await openBoard(session.links.candidate)).page
  const interviewer = (await openBoard(session.links.interviewer)).page
  const observer = (await openBoard(session.links.observer)).page
  const token = tokenFromLink(session.links.interviewer)

  // Before the walkthrough nobody follows anyone.
  for (const page of [candidate, interviewer, observer]) await expect(indicator(page)).toHaveCount(0)
  await expect(bringButton(interviewer)).toHaveCount(0)

  expect(await setPhase(interviewer, session.id, token, 'walkthrough')).toBe(200)

  // The interviewer and the observer follow the candidate; the candidate follows nobody.
  for (const page of [interviewer, observer]) {
    await expect(indicator(page)).toContainText('Following Ada Lovelace', PROMPTLY)
  }
  await expect(indicator(candidate)).toHaveCount(0)

  // The candidate pans and zooms: the others' views go with them.
  await setCamera(candidate, { x: -1800, y: -1100, z: 0.5 })
  const candidateView = await viewOf(candidate)
  for (const page of [interviewer, observer]) {
    await expect.poll(() => sameCentre(page, candidateView), PROMPTLY).toBe(true)
  }

  // The candidate's laser pointer reaches the followers (tldraw draws it from their presence).
  await candidate.evaluate(() => {
    window.__scaleboardEditor?.setCurrentTool('laser')
  })
  await candidate.mouse.move(500, 400)
  await candidate.mouse.down()
  for (let i = 1; i <= 10; i++) await candidate.mouse.move(500 + i * 15, 400 + i * 8)
  await expect
    .poll(
      () =>
        observer.evaluate(
          () => window.__scaleboardEditor?.getCollaborators().some((c) => c.scribbles.length > 0) ?? false,
        ),
      PROMPTLY,
    )
    .toBe(true)
  await candidate.mouse.up()
  await candidate.evaluate(() => {
    window.__scaleboardEditor?.setCurrentTool('select')
  })

  // The observer stops following, from the keyboard; the interviewer still follows.
  const stop = indicator(observer).getByRole('button', { name: 'Stop following' })
  await stop.focus()
  await observer.keyboard.press('Enter')
  await expect(indicator(observer)).toHaveCount(0)
  const observerView = await viewOf(observer)
  await setCamera(candidate, { x: 600, y: 400, z: 1 })
  const candidateMoved = await viewOf(candidate)
  await expect.poll(() => sameCentre(interviewer, candidateMoved), PROMPTLY).toBe(true)
  await observer.waitForTimeout(800)
  expect(await sameCentre(observer, observerView, 1)).toBe(true)
  expect(await sameCentre(observer, candidateMoved)).toBe(false)
  // …and it stays stopped for the rest of the phase.
  await expect(indicator(observer)).toHaveCount(0)

  // "Bring everyone to my view": the interviewer's control only, marked so.
  await expect(bringButton(candidate)).toHaveCount(0)
  await expect(bringButton(observer)).toHaveCount(0)
  await expect(
    interviewer.getByRole('group', { name: /interviewer only/i }).filter({ has: bringButton(interviewer) }),
  ).toBeVisible()
  await indicator(interviewer).getByRole('button', { name: 'Stop following' }).click()
  await expect(indicator(interviewer)).toHaveCount(0)
  await setCamera(interviewer, { x: -3000, y: 2000, z: 0.8 })
  const interviewerView = await viewOf(interviewer)
  await bringButton(interviewer).click()
  for (const page of [candidate, observer]) {
    await expect.poll(() => sameCentre(page, interviewerView), PROMPTLY).toBe(true)
  }
  // Once per summon: the candidate can move away again.
  await setCamera(candidate, { x: 0, y: 0, z: 1 })
  await candidate.waitForTimeout(800)
  expect(await sameCentre(candidate, interviewerView)).toBe(false)

  // The next phase ends it all: nobody follows, the control is gone.
  expect(await setPhase(interviewer, session.id, token, 'feedback')).toBe(200)
  await expect(bringButton(interviewer)).toHaveCount(0, PROMPTLY)
  for (const page of [candidate, interviewer, observer]) await expect(indicator(page)).toHaveCount(0)
})
