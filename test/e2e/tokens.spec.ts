import type { BrowserContext, Page, WebSocketRoute } from '@playwright/test'
import { tokenFromLink } from '../../apps/server/src/testing.ts'
import { ADMIN_TOKEN, createSession } from '../serverProcess.ts'
import { drawRectangle, expect, shapeCount, test, waitForLive } from './fixtures.ts'

interface Seen {
  url: string
  referer: string | undefined
}

/** Every HTTP request of the context with its Referer, and every WebSocket URL the page opened. */
function watch(context: BrowserContext, page: Page) {
  const requests: Promise<Seen>[] = []
  const sockets: string[] = []
  context.on('request', (request) =>
    requests.push(request.allHeaders().then((headers) => ({ url: request.url(), referer: headers.referer }))),
  )
  page.on('websocket', (socket) => sockets.push(socket.url()))
  return { requests: () => Promise.all(requests), sockets }
}

test('the role token never leaves the page: not in the address bar, a request URL, a Referer or a WebSocket URL', async ({
  browser,
  server,
}) => {
  const session = await createSession(server.url)
  const link = session.links.candidate
  const token = tokenFromLink(link)
  expect(new URL(link).hash).toBe(`#token=${token}`)

  const context = await browser.newContext()
  const page = await context.newPage()
  const seen = watch(context, page)
  await page.goto(link)
  await waitForLive(page)
  expect(page.url()).toBe(`${server.url}/s/${session.id}`)
  // The history holds the bare address in place of the link: back leaves the board, forward returns to it.
  await page.goBack()
  expect(page.url()).toBe('about:blank')
  await page.goForward()
  expect(page.url()).toBe(`${server.url}/s/${session.id}`)

  // A reload of the bare address opens the board again, from this tab's sessionStorage.
  await page.reload()
  await waitForLive(page)
  await drawRectangle(page, { x: 500, y: 300 }, { x: 640, y: 380 })

  const requests = await seen.requests()
  expect(requests.length).toBeGreaterThan(5)
  for (const { url, referer } of requests) {
    expect(url, url).not.toContain(token)
    expect(referer ?? '', `Referer of ${url}`).not.toContain(token)
  }
  expect(seen.sockets.length).toBeGreaterThanOrEqual(2)
  for (const url of seen.sockets) {
    expect(url).not.toContain(token)
    expect(new URL(url).searchParams.get('ticket')).toMatch(/^[A-Za-z0-9_-]{43}$/)
  }
  await context.close()
})

test('a legacy ?token= link still opens, and the token leaves the address bar', async ({
  browser,
  server,
}) => {
  const session = await createSession(server.url)
  const token = tokenFromLink(session.links.interviewer)
  const context = await browser.newContext()
  const page = await context.newPage()
  const seen = watch(context, page)
  const legacy = `${server.url}/s/${session.id}?token=${token}`
  await page.goto(legacy)
  await waitForLive(page)
  expect(page.url()).toBe(`${server.url}/s/${session.id}`)
  await expect(page.getByTestId('role-badge')).toContainText('Interviewer')
  // The navigation itself carried it (that is what legacy links do); nothing after it does.
  const after = (await seen.requests()).filter(({ url }) => url !== legacy)
  for (const { url, referer } of after) {
    expect(url, url).not.toContain(token)
    expect(referer ?? '', `Referer of ${url}`).not.toContain(token)
  }
  await context.close()
})

/**
 * Proxies the board's sync socket so the test can hold back the page's updates and close it with
 * a code. The annotations layer's socket (`/sync/<id>/annotations`) is left alone.
 */
async function proxySync(page: Page) {
  const routes: WebSocketRoute[] = []
  const state = { holdUploads: false }
  await page.routeWebSocket(/\/sync\/[^/?]+\?/, (ws) => {
    const upstream = ws.connectToServer()
    ws.onMessage((message) => {
      if (!state.holdUploads) upstream.send(message)
    })
    upstream.onMessage((message) => ws.send(message))
    routes.push(ws)
  })
  return { state, last: () => routes[routes.length - 1], count: () => routes.length }
}

test('a refused change says what happened and offers "Reload board", which discards it', async ({
  browser,
  server,
}) => {
  const session = await createSession(server.url)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const sync = await proxySync(page)
  await page.goto(session.links.candidate)
  await waitForLive(page)
  const before = await shapeCount(page)

  // The server refuses the next change: it never reaches the board, and the socket is closed 4422.
  sync.state.holdUploads = true
  await drawRectangle(page, { x: 500, y: 300 }, { x: 640, y: 380 })
  await expect.poll(() => shapeCount(page)).toBe(before + 1)
  await sync.last().close({ code: 4422, reason: 'the locked current state cannot be changed' })

  const banner = page.getByTestId('connection-failure')
  await expect(banner).toContainText('Your last change was not saved: it broke a rule of this board')
  await expect(banner).toContainText('Server: the locked current state cannot be changed')
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
  await page.waitForTimeout(1500)
  expect(sync.count(), 'a permanent close is not retried').toBe(1)
  await page.screenshot({ path: 'test-results/close-code-change-refused.png' })

  sync.state.holdUploads = false
  await banner.getByRole('button', { name: 'Reload board' }).click()
  await waitForLive(page)
  expect(page.url()).toBe(`${server.url}/s/${session.id}`)
  await expect.poll(() => shapeCount(page)).toBe(before)
  await context.close()
})

test('a temporary close ("storage unavailable") keeps reconnecting and says so until it is back', async ({
  browser,
  server,
}) => {
  const session = await createSession(server.url)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const sync = await proxySync(page)
  // While the "storage" is down, every new socket is closed again at once.
  let storageDown = false
  await page.goto(session.links.candidate)
  await waitForLive(page)
  storageDown = true
  const closeWhileDown = setInterval(() => {
    const ws = sync.last()
    if (storageDown && ws) ws.close({ code: 4503, reason: 'disk full' }).catch(() => {})
  }, 200)
  try {
    await expect(page.getByTestId('connection-notice')).toContainText(
      'The server cannot save changes right now',
    )
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'offline')
    await page.screenshot({ path: 'test-results/close-code-storage-unavailable.png' })
  } finally {
    storageDown = false
    clearInterval(closeWhileDown)
  }
  await waitForLive(page)
  await expect(page.getByTestId('connection-notice')).toHaveCount(0)
  expect(sync.count()).toBeGreaterThan(1)
  await context.close()
})

test('a damaged link gets a page that says so, never a blank one', async ({ browser, server }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${server.url}/s/%E0%A4%A#token=x`)
  await expect(page.getByRole('heading', { name: 'This link is damaged' })).toBeVisible()
  await expect(page.getByText('ask the organiser to send it again')).toBeVisible()
  expect(errors).toEqual([])
  await context.close()
})

test('each kind of bad link gets its own plain message and what to do next', async ({ browser, server }) => {
  const session = await createSession(server.url, { title: 'Bad links' })
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
  // revoked: the candidate's link is replaced; deleted: a whole other session goes.
  const reissued = await fetch(`${server.url}/api/sessions/${session.id}/links/candidate`, {
    method: 'POST',
    headers: admin,
  })
  expect(reissued.status).toBe(200)
  const gone = await createSession(server.url, { title: 'Gone' })
  expect(
    (await fetch(`${server.url}/api/sessions/${gone.id}`, { method: 'DELETE', headers: admin })).status,
  ).toBe(204)
  const observer = tokenFromLink(session.links.observer)
  const cases = [
    {
      kind: 'malformed',
      link: `${server.url}/s/${session.id}#token=${observer.slice(0, 30)}`,
      heading: 'This link is incomplete',
      next: 'ask the organiser for a new link',
    },
    {
      kind: 'revoked',
      link: session.links.candidate,
      heading: 'This link was replaced',
      next: 'Ask the organiser for the new link',
    },
    {
      kind: 'deleted',
      link: gone.links.observer,
      heading: 'This interview was deleted',
      next: 'Ask the organiser if you need a new session',
    },
    {
      kind: 'wrong',
      link: `${server.url}/s/${session.id}#token=${'z'.repeat(43)}`,
      heading: 'This link doesn’t open this interview',
      next: 'ask the organiser for a new link',
    },
  ]
  for (const { kind, link, heading, next } of cases) {
    const context = await browser.newContext()
    const page = await context.newPage()
    const accessRequests: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/access')) accessRequests.push(request.url())
    })
    await page.goto(link)
    await expect(page.getByRole('heading', { name: heading })).toBeVisible()
    await expect(page.getByTestId('link-problem')).toHaveAttribute('data-problem', kind)
    await expect(page.getByTestId('link-problem')).toContainText(next)
    // A damaged link is recognised in the page, before any request.
    if (kind === 'malformed') expect(accessRequests).toEqual([])
    await page.screenshot({ path: `test-results/org-link-${kind}.png` })
    await context.close()
  }
})
