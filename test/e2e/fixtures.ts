import { type Browser, test as base, expect, type Page } from '@playwright/test'
import { type ServerProcess, startServerProcess } from '../serverProcess.ts'

export interface RoleBoard {
  page: Page
  /** every URL this browser context requested, for the same-origin check */
  requests: string[]
  /** console messages reporting a Content-Security-Policy violation */
  cspViolations: string[]
}

interface Fixtures {
  openBoard: (link: string) => Promise<RoleBoard>
}

interface WorkerFixtures {
  server: ServerProcess
}

/**
 * `server` is one real server process per worker; `openBoard` opens a link in its own browser
 * context (as a separate person would) and, after the test, checks that no request left the origin.
 */
export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their dependencies as a destructured object
    async ({}, use) => {
      const server = await startServerProcess()
      await use(server)
      await server.stop()
    },
    { scope: 'worker' },
  ],
  openBoard: async ({ browser, server }, use) => {
    const opened: RoleBoard[] = []
    await use(async (link) => {
      const board = await openInNewContext(browser, link)
      opened.push(board)
      return board
    })
    const origin = new URL(server.url).origin
    for (const board of opened) {
      const foreign = board.requests.filter((url) => !isSameOrigin(url, origin))
      expect(foreign, 'requests to other hosts').toEqual([])
      expect(board.cspViolations, 'Content-Security-Policy violations').toEqual([])
      await board.page.context().close()
    }
  },
})

async function openInNewContext(browser: Browser, link: string): Promise<RoleBoard> {
  const context = await browser.newContext()
  const requests: string[] = []
  context.on('request', (request) => requests.push(request.url()))
  context.on('weberror', (error) => console.warn(`[page error] ${error.error().message}`))
  const page = await context.newPage()
  const cspViolations: string[] = []
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text())
  })
  await page.goto(link)
  await waitForLive(page)
  return { page, requests, cspViolations }
}

function isSameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true
  const parsed = new URL(url)
  const httpOrigin = `${parsed.protocol.replace('ws', 'http')}//${parsed.host}`
  return httpOrigin === origin
}

export async function waitForLive(page: Page): Promise<void> {
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 30_000 })
}

/** The editor the app exposes for tests (`window.__scaleboardEditor`). */
export function shapeCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const editor = (window as unknown as { __scaleboardEditor?: { getCurrentPageShapes(): unknown[] } })
      .__scaleboardEditor
    return editor ? editor.getCurrentPageShapes().length : -1
  })
}

export function shapeIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const editor = (
      window as unknown as { __scaleboardEditor?: { getCurrentPageShapes(): { id: string }[] } }
    ).__scaleboardEditor
    return editor
      ? editor
          .getCurrentPageShapes()
          .map((s) => s.id)
          .sort()
      : []
  })
}

/** Draws a rectangle the way a person does: the R key, then a drag on the canvas. */
export async function drawRectangle(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await page.locator('.tl-canvas').click({ position: { x: 600, y: 600 } })
  await page.keyboard.press('Escape')
  await page.keyboard.press('r')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 4 })
  await page.mouse.up()
  await page.keyboard.press('Escape')
}

/** Opens the right-hand panel (Inspector & interview) if this screen started with it collapsed. */
export async function openSidePanel(page: Page) {
  const panel = page.getByTestId('panel-inspector')
  if ((await panel.getAttribute('data-open')) === 'false') {
    await page.getByRole('button', { name: /^Show Inspector/ }).click()
  }
  await expect(panel).toHaveAttribute('data-open', 'true')
}

export { expect }
