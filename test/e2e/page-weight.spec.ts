import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, test } from './fixtures.ts'

/** Bytes of JavaScript a page loaded, by file name. */
async function scriptsLoaded(page: Page, url: string): Promise<Map<string, number>> {
  const scripts = new Map<string, number>()
  page.on('response', async (response) => {
    if (!response.url().endsWith('.js')) return
    const body = await response.body().catch(() => Buffer.alloc(0))
    scripts.set(new URL(response.url()).pathname, body.length)
  })
  await page.goto(url)
  await page.waitForLoadState('networkidle')
  return scripts
}

const total = (scripts: Map<string, number>) => [...scripts.values()].reduce((a, b) => a + b, 0)

test('the organiser home and the error pages load no board code (tldraw stays in the board chunk)', async ({
  page,
  server,
}) => {
  const home = await scriptsLoaded(page, server.url)
  await expect(page.getByRole('form', { name: 'Organiser sign-in' })).toBeVisible()
  const homeNames = [...home.keys()]
  expect(homeNames.some((name) => /BoardPage|BoardRoom/.test(name))).toBe(false)
  // tldraw alone is over 2 MB; the home page is a fraction of that
  expect(total(home)).toBeLessThan(700_000)

  const damaged = await scriptsLoaded(page, `${server.url}/s/%E0%A4%A#token=x`)
  await expect(page.getByRole('heading', { name: 'This link is damaged' })).toBeVisible()
  expect(total(damaged)).toBeLessThan(700_000)

  // A well-formed link that opens nothing: its message comes before any board code.
  const session = await createSession(server.url, { title: 'Weighed' })
  const wrong = await scriptsLoaded(page, `${server.url}/s/${session.id}#token=${'x'.repeat(43)}`)
  await expect(page.getByRole('heading').first()).toBeVisible()
  expect([...wrong.keys()].some((name) => /BoardRoom/.test(name))).toBe(false)
  expect(total(wrong)).toBeLessThan(700_000)

  // The board itself brings tldraw (a new page: the same address with another fragment would not reload).
  const boardPage = await page.context().newPage()
  const board = await scriptsLoaded(boardPage, session.links.candidate)
  await expect(boardPage.getByTestId('connection')).toBeVisible()
  expect(total(board)).toBeGreaterThan(1_500_000)
})
