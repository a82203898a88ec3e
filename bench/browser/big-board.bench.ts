/**
 * Big boards in the browser (issue 12): Scaleboard's candidate page against plain tldraw 5.4.2 with
 * the same shape utils and the same records, no sync (bench/plain-tldraw), same Chromium, same run.
 *
 * For each board size a raw Yjs client writes N component cards and N/5 arrows (with their two
 * bindings) into a session through the real sync server; the candidate link is opened at 1280×800.
 * The plain page gets exactly the records the session holds. Per page it measures:
 * - first shape: navigation start → the first card element in the DOM;
 * - interactive: navigation start → a click on a card has selected it (clicks repeat until one does);
 * - edit: Scaleboard, a raw client renames a card → the new name in the peer's DOM (wall clock, both
 *   processes on this machine); plain, `mergeRemoteChanges(put)` of the same record → the same DOM;
 *   and → painted: until the rendering of the first frame that holds the new name starts (the
 *   batching of remote changes per frame moves the DOM change, not the paint, by up to a frame);
 * - frames: requestAnimationFrame deltas while a card moves at 60 Hz for 3 s (a peer dragging it;
 *   plain: a 60 Hz timer putting it), same camera on both pages;
 * - heap: JSHeapUsedSize after a forced GC (CDP).
 * Scaleboard's drag also counts the store merges (`mergeRemoteChanges` calls) it caused.
 *
 *   pnpm --filter @scaleboard/web exec vite build --outDir /tmp/bigboard-dist --emptyOutDir
 *   WEB_DIST_DIR=/tmp/bigboard-dist pnpm exec playwright test --config bench/playwright.config.ts big-board -g figures
 *
 * The profile test records a CPU profile of remote renames on the largest board; build the app
 * with `--minify false` into another directory first so that the function names are readable.
 * BIGBOARD_SIZES=100,500,2000 (default) picks the sizes. The plain page is built by this file.
 * BIGBOARD_CPU_THROTTLE=2 slows both pages' CPU down that many times (CDP), as on a slower laptop.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from '@playwright/test'
import type * as Y from 'yjs'
import { connectClient, tokenFromLink, waitFor, waitForSync } from '../../apps/server/src/testing.ts'
import { openBoardRecords, readBoardRecords } from '../../packages/board-sync/src/doc.ts'
import { type CardKind, createBoardSchema } from '../../packages/components/src/schema.ts'
import { expect, test } from '../../test/e2e/fixtures.ts'
import { createSession } from '../../test/serverProcess.ts'
import { arrowBinding, arrowShape, componentShape } from '../interview-session.ts'

const SIZES = (process.env.BIGBOARD_SIZES ?? '100,500,2000').split(',').map(Number)
const PLAIN_DIST = process.env.BIGBOARD_PLAIN_DIR ?? '/tmp/bigboard-plain'
const PLAIN_ORIGIN = 'http://plain-tldraw.test'
const KINDS: CardKind[] = ['load-balancer', 'model-server-cpu', 'model-server-gpu', 'cache', 'database']
const RENAMES = 12
const CPU_THROTTLE = Number(process.env.BIGBOARD_CPU_THROTTLE ?? 1)
const DRAG_MS = 3_000
/** the same view on both pages for edits, frames and heap: about 90 cards on screen */
const CAMERA = { x: 20, y: 20, z: 0.5 }

// Tracing snapshots the whole DOM at every Playwright call: O(board size) work inside the page
// that the timings would include (it was 73% of the first profile of a 2,000-card board).
test.use({ trace: 'off', screenshot: 'off' })

type BoardRecord = Record<string, unknown> & { id: string; typeName: string }
/** What the page scripts below call on tldraw's editor (it never leaves the page). */
interface PageEditor {
  getSelectedShapeIds(): string[]
  getCurrentPageShapes(): unknown[]
  selectNone(): void
  setCamera(camera: { x: number; y: number; z: number }, options: { immediate: boolean }): void
  store: { mergeRemoteChanges(change: () => void): void; put(records: unknown[]): void }
}
type Stats = { p50: number; p95: number; max: number; n: number }
interface Figures {
  firstShapeMs: number
  interactiveMs: number
  editMs: Stats
  editPaintedMs: Stats
  frames: Stats
  heapMiB: number
}

/** N cards on a 40-wide grid, and an arrow (with its bindings) from every fifth card to the one below. */
function boardRecords(cards: number): BoardRecord[] {
  const schema = createBoardSchema()
  const shapes: BoardRecord[] = []
  for (let i = 0; i < cards; i++)
    shapes.push(
      componentShape(`shape:card-${i}`, i, KINDS[i % KINDS.length], (i % 40) * 300, Math.floor(i / 40) * 160),
    )
  const records: BoardRecord[] = [...shapes]
  for (let i = 0; i + 40 < cards; i += 5) {
    const from = shapes[i] as BoardRecord
    const to = shapes[i + 40] as BoardRecord
    const id = `shape:flow-${i}`
    records.push(
      arrowShape(id, cards + i, from, to),
      arrowBinding(id, 'start', from.id),
      arrowBinding(id, 'end', to.id),
    )
  }
  for (const record of records) schema.types[record.typeName as 'shape'].validate(record as never)
  return records
}

const stats = (values: number[]): Stats => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN, n: sorted.length }
}

/**
 * Installed before any page script: the first card's arrival, rAF timestamps while recording, and
 * whether the page is inside a frame's animation callbacks (then what changes now is painted next).
 * The probe's callback is queued each frame before anything a page script queues later, and a task
 * queued from it runs after that frame's rendering.
 */
function installProbes() {
  const bench = { firstShape: -1, recording: false, frames: [] as number[], inFrame: false }
  ;(window as unknown as { __bench: typeof bench }).__bench = bench
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-shape-id^="shape:card-"]')) {
      bench.firstShape = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
  // the opening timeline: long tasks, and every sync socket's open and messages (size, handler time)
  const timeline = {
    longTasks: [] as { start: number; ms: number }[],
    sockets: [] as {
      url: string
      created: number
      open: number
      messages: { at: number; bytes: number; handlerMs: number }[]
    }[],
  }
  ;(window as unknown as { __benchTimeline: typeof timeline }).__benchTimeline = timeline
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) timeline.longTasks.push({ start: e.startTime, ms: e.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {}
  const NativeSocket = window.WebSocket
  class TimedSocket extends NativeSocket {
    #entry: (typeof timeline.sockets)[number]
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.#entry = {
        url: String(url)
          .replace(/ticket=[^&]*/, 'ticket=…')
          .replace(/^wss?:\/\/[^/]+/, ''),
        created: performance.now(),
        open: -1,
        messages: [],
      }
      timeline.sockets.push(this.#entry)
      this.addEventListener('open', () => {
        this.#entry.open = performance.now()
      })
    }
    override set onmessage(handler: ((event: MessageEvent) => void) | null) {
      const entry = () => this.#entry
      super.onmessage = handler
        ? (event: MessageEvent) => {
            const at = performance.now()
            handler(event)
            const data = event.data as ArrayBuffer | string
            entry().messages.push({
              at,
              bytes: typeof data === 'string' ? data.length : data.byteLength,
              handlerMs: performance.now() - at,
            })
          }
        : null
    }
    override get onmessage() {
      return super.onmessage
    }
  }
  window.WebSocket = TimedSocket
  const tick = (t: number) => {
    if (bench.recording) bench.frames.push(t)
    bench.inFrame = true
    setTimeout(() => {
      bench.inFrame = false
    })
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.on('weberror', (error) => console.warn(`[page error] ${error.error().message}`))
  await context.addInitScript(installProbes)
  const page = await context.newPage()
  if (CPU_THROTTLE !== 1) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_THROTTLE })
  }
  return { context, page }
}

const EDITOR = {
  scaleboard: '__scaleboardEditor',
  plain: '__plainEditor',
} as const
type Kind = keyof typeof EDITOR

/** first shape and interactive, both from navigation start, in ms */
async function openTimes(page: Page, kind: Kind): Promise<{ firstShapeMs: number; interactiveMs: number }> {
  await page.waitForFunction(
    () => (window as unknown as { __bench: { firstShape: number } }).__bench.firstShape >= 0,
    null,
    {
      timeout: 120_000,
    },
  )
  const firstShapeMs = await page.evaluate(
    () => (window as unknown as { __bench: { firstShape: number } }).__bench.firstShape,
  )
  const card = page.locator('[data-shape-id="shape:card-0"]')
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    const box = await card.boundingBox().catch(() => null)
    if (box) {
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      const selectedAt = await page
        .waitForFunction(
          (name) => {
            const editor = (
              window as unknown as Record<string, { getSelectedShapeIds(): string[] } | undefined>
            )[name]
            return editor?.getSelectedShapeIds().includes('shape:card-0') ? performance.now() : false
          },
          EDITOR[kind],
          { timeout: 500, polling: 'raf' },
        )
        .then((handle) => handle.jsonValue() as Promise<number>)
        .catch(() => null)
      if (selectedAt !== null) return { firstShapeMs, interactiveMs: selectedAt }
    } else await page.waitForTimeout(50)
  }
  throw new Error(`${kind}: a click never selected a card`)
}

/** Same camera, nothing selected, a moment to settle. */
async function settle(page: Page, kind: Kind) {
  await page.evaluate(
    ({ name, camera }) => {
      const editor = (window as unknown as Record<string, PageEditor>)[name]
      editor.selectNone()
      editor.setCamera(camera, { immediate: true })
    },
    { name: EDITOR[kind], camera: CAMERA },
  )
  await page.waitForTimeout(1_000)
}

type Seen = { seenAt: number; paintedAt: number }

/**
 * Records (in the page) the epoch ms when the card's element shows the name, and when the rendering
 * of the first frame with it starts: at once inside a frame's callbacks, else at the next frame.
 */
function armNameWatch(page: Page, id: string, name: string) {
  return page.evaluate(
    ({ id, name }) => {
      const bench = (window as unknown as { __bench: { seen?: Seen; inFrame: boolean } }).__bench
      bench.seen = undefined
      const target = document.querySelector(`[data-shape-id="${id}"]`) ?? document.body
      const seen = () => target.textContent?.includes(name)
      const epochNow = () => performance.timeOrigin + performance.now()
      const observer = new MutationObserver(() => {
        if (seen()) {
          const seenAt = epochNow()
          if (bench.inFrame) bench.seen = { seenAt, paintedAt: seenAt }
          else requestAnimationFrame(() => (bench.seen = { seenAt, paintedAt: epochNow() }))
          observer.disconnect()
        }
      })
      observer.observe(target, { childList: true, subtree: true, characterData: true })
    },
    { id, name },
  )
}

async function seenAt(page: Page): Promise<Seen> {
  const handle = await page.waitForFunction(
    () => (window as unknown as { __bench: { seen?: Seen } }).__bench.seen ?? false,
    null,
    {
      timeout: 30_000,
    },
  )
  return (await handle.jsonValue()) as Seen
}

/** Latencies from a start (epoch ms) to the DOM change and to its frame. */
type Latencies = { dom: number[]; painted: number[] }
const since = (latencies: Latencies, from: number, seen: Seen) => {
  latencies.dom.push(seen.seenAt - from)
  latencies.painted.push(seen.paintedAt - from)
}

const renamed = (record: BoardRecord, name: string) => ({
  ...record,
  props: { ...(record.props as Record<string, unknown>), name },
})

async function remoteRenames(
  page: Page,
  doc: Y.Doc,
  card: BoardRecord,
  label: string,
  count: number,
): Promise<Latencies> {
  const records = openBoardRecords(doc)
  const latencies: Latencies = { dom: [], painted: [] }
  for (let i = 0; i < count; i++) {
    const name = `${label} ${i}`
    await armNameWatch(page, card.id, name)
    const sentAt = performance.timeOrigin + performance.now()
    records.set(card.id, renamed(card, name))
    since(latencies, sentAt, await seenAt(page))
  }
  return latencies
}

async function localRenames(page: Page, card: BoardRecord, count: number): Promise<Latencies> {
  const latencies: Latencies = { dom: [], painted: [] }
  for (let i = 0; i < count; i++) {
    const name = `Plain rename ${i}`
    await armNameWatch(page, card.id, name)
    const putAt = await page.evaluate(
      ({ record }) => {
        const editor = (window as unknown as { __plainEditor: PageEditor }).__plainEditor
        const at = performance.timeOrigin + performance.now()
        editor.store.mergeRemoteChanges(() => editor.store.put([record]))
        return at
      },
      { record: renamed(card, name) },
    )
    since(latencies, putAt, await seenAt(page))
  }
  return latencies
}

/** Counts the store merges (`mergeRemoteChanges` calls) in the Scaleboard page while `during` runs. */
async function countMerges(page: Page, during: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const store = window.__scaleboardEditor?.store as unknown as PageEditor['store'] & { __merges?: number }
    const merge = store.mergeRemoteChanges
    store.__merges = 0
    store.mergeRemoteChanges = function (change) {
      store.__merges = (store.__merges ?? 0) + 1
      return merge.call(this, change)
    }
  })
  await during()
  return page.evaluate(() => {
    const store = window.__scaleboardEditor?.store as unknown as PageEditor['store'] & { __merges?: number }
    delete (store as Partial<PageEditor['store']>).mergeRemoteChanges
    return store.__merges ?? Number.NaN
  })
}

async function recordFrames(page: Page, during: () => Promise<void>): Promise<Stats> {
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { recording: boolean; frames: number[] } }).__bench
    bench.frames = []
    bench.recording = true
  })
  await during()
  const frames = await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { recording: boolean; frames: number[] } }).__bench
    bench.recording = false
    return bench.frames
  })
  return stats(frames.slice(1).map((t, i) => t - (frames[i] as number)))
}

/** A peer drags the card at 60 Hz; returns its last x and how many moves it sent. */
async function remoteDrag(doc: Y.Doc, card: BoardRecord): Promise<{ x: number; moves: number }> {
  const records = openBoardRecords(doc)
  let x = card.x as number
  let moves = 0
  const started = Date.now()
  while (Date.now() - started < DRAG_MS) {
    x += 3
    moves++
    records.set(card.id, { ...card, x })
    await new Promise((r) => setTimeout(r, 1000 / 60))
  }
  return { x, moves }
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('Performance.enable')
  const { metrics } = await cdp.send('Performance.getMetrics')
  await cdp.detach()
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 2 ** 20
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.png': 'image/png',
}

async function openPlain(browser: Browser, records: unknown[]) {
  const { context, page } = await newPage(browser)
  const body = JSON.stringify(records)
  await context.route(`${PLAIN_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/records.json') return route.fulfill({ body, contentType: 'application/json' })
    const file = join(PLAIN_DIST, path === '/' ? 'index.html' : path)
    try {
      return route.fulfill({
        body: readFileSync(file),
        contentType: MIME[extname(file)] ?? 'application/octet-stream',
      })
    } catch {
      return route.fulfill({ status: 404 })
    }
  })
  await page.goto(`${PLAIN_ORIGIN}/index.html`)
  return { context, page }
}

/** A session holding the board, written by a raw client; returns the writer and every record the session holds. */
async function seedBoard(serverUrl: string, cards: number) {
  const session = await createSession(serverUrl, { title: `Big board ${cards}` })
  const token = tokenFromLink(session.links.candidate)
  const writer = connectClient(serverUrl, session.id, token, 'bench-writer')
  await waitForSync(writer.provider)
  const board = openBoardRecords(writer.doc)
  const records = boardRecords(cards)
  for (let i = 0; i < records.length; i += 200)
    writer.doc.transact(() => {
      for (const record of records.slice(i, i + 200)) board.set(record.id, record)
    })
  // the server has them all when a second client syncs them
  const check = connectClient(serverUrl, session.id, token, 'bench-check')
  await waitForSync(check.provider)
  await waitFor(() => readBoardRecords(check.doc).size >= records.length, 'the board on the server', 60_000)
  const held = [...readBoardRecords(check.doc).values()] as BoardRecord[]
  check.provider.destroy()
  return { session, writer, held }
}

const f = (n: number, digits = 0) => n.toFixed(digits)
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`

test.beforeAll(() => {
  execFileSync(
    'pnpm',
    [
      '--filter',
      '@scaleboard/web',
      'exec',
      'vite',
      'build',
      '--config',
      '../../bench/plain-tldraw/vite.config.ts',
      '--outDir',
      PLAIN_DIST,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: resolve(import.meta.dirname, '../..'), stdio: 'inherit' },
  )
})

test('figures: Scaleboard against plain tldraw, per board size', async ({ browser, server }) => {
  test.setTimeout(1_200_000)
  const rows: string[] = []
  for (const cards of SIZES) {
    const { session, writer, held } = await seedBoard(server.url, cards)
    const card0 = held.find((r) => r.id === 'shape:card-0') as BoardRecord
    const card1 = held.find((r) => r.id === 'shape:card-1') as BoardRecord
    const shapes = held.filter((r) => r.typeName === 'shape').length

    // Scaleboard, candidate link
    const sb = await newPage(browser)
    await sb.page.goto(session.links.candidate)
    const sbOpen = await openTimes(sb.page, 'scaleboard')
    await expect(sb.page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 })
    expect(await sb.page.evaluate(() => window.__scaleboardEditor?.getCurrentPageShapes().length)).toBe(
      shapes,
    )
    await settle(sb.page, 'scaleboard')
    const sbEdits = await remoteRenames(sb.page, writer.doc, card0, `Remote rename ${cards}`, RENAMES)
    let drag = { x: 0, moves: 0 }
    let sbFrames: Stats | null = null
    const sbMerges = await countMerges(sb.page, async () => {
      sbFrames = await recordFrames(sb.page, async () => {
        drag = await remoteDrag(writer.doc, card1)
      })
      await expect
        .poll(() => sb.page.evaluate(() => window.__scaleboardEditor?.getShape('shape:card-1' as never)?.x))
        .toBe(drag.x)
    })
    const sbHeap = await heapMiB(sb.page)
    await sb.context.close()
    writer.provider.destroy()

    // plain tldraw, the same records
    const plain = await openPlain(browser, held)
    const plainOpen = await openTimes(plain.page, 'plain')
    expect(
      await plain.page.evaluate(
        () =>
          (window as unknown as { __plainEditor: PageEditor }).__plainEditor.getCurrentPageShapes().length,
      ),
    ).toBe(shapes)
    await settle(plain.page, 'plain')
    const plainEdits = await localRenames(plain.page, card0, RENAMES)
    const plainFrames = await recordFrames(plain.page, () =>
      plain.page.evaluate(
        ({ card, ms }) =>
          new Promise<void>((done) => {
            const editor = (window as unknown as { __plainEditor: PageEditor }).__plainEditor
            let x = card.x as number
            const started = performance.now()
            const timer = setInterval(() => {
              x += 3
              editor.store.mergeRemoteChanges(() => editor.store.put([{ ...card, x }]))
              if (performance.now() - started >= ms) {
                clearInterval(timer)
                done()
              }
            }, 1000 / 60)
          }),
        { card: card1, ms: DRAG_MS },
      ),
    )
    const plainHeap = await heapMiB(plain.page)
    await plain.context.close()

    const sbFig: Figures = {
      ...sbOpen,
      editMs: stats(sbEdits.dom.slice(2)),
      editPaintedMs: stats(sbEdits.painted.slice(2)),
      frames: sbFrames as unknown as Stats,
      heapMiB: sbHeap,
    }
    const plainFig: Figures = {
      ...plainOpen,
      editMs: stats(plainEdits.dom.slice(2)),
      editPaintedMs: stats(plainEdits.painted.slice(2)),
      frames: plainFrames,
      heapMiB: plainHeap,
    }
    console.info(
      `[${cards} cards, ${held.length} records] scaleboard ${JSON.stringify(sbFig)}; the drag: ${drag.moves} moves, ${sbMerges} store merges`,
    )
    console.info(`[${cards} cards, ${held.length} records] plain      ${JSON.stringify(plainFig)}`)
    rows.push(
      `| ${cards} (${held.length}) | ${f(sbFig.firstShapeMs)} / ${f(plainFig.firstShapeMs)} (${ratio(sbFig.firstShapeMs, plainFig.firstShapeMs)})` +
        ` | ${f(sbFig.interactiveMs)} / ${f(plainFig.interactiveMs)} (${ratio(sbFig.interactiveMs, plainFig.interactiveMs)})` +
        ` | ${f(sbFig.editMs.p50, 1)} / ${f(plainFig.editMs.p50, 1)} (${ratio(sbFig.editMs.p50, plainFig.editMs.p50)})` +
        ` | ${f(sbFig.editPaintedMs.p50, 1)} / ${f(plainFig.editPaintedMs.p50, 1)} (${ratio(sbFig.editPaintedMs.p50, plainFig.editPaintedMs.p50)})` +
        ` | ${f(sbFig.frames.p50, 1)}, ${f(sbFig.frames.p95, 1)} (${sbFig.frames.n + 1}) / ${f(plainFig.frames.p50, 1)}, ${f(plainFig.frames.p95, 1)} (${plainFig.frames.n + 1}) (p95 ${ratio(sbFig.frames.p95, plainFig.frames.p95)})` +
        ` | ${f(sbFig.heapMiB, 1)} / ${f(plainFig.heapMiB, 1)} (${ratio(sbFig.heapMiB, plainFig.heapMiB)})` +
        ` | ${drag.moves} → ${sbMerges} |`,
    )
  }
  console.info(
    [
      '| cards (records) | first shape, ms | interactive, ms | edit → DOM p50, ms | edit → painted p50, ms | frames p50, p95, ms (n) | heap, MiB | drag: moves → merges |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  )
})

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  parent?: number
  children?: number[]
}

/** Self time by function, and the inclusive time of each function (counted once per sample). */
function summarise(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  for (const node of profile.nodes)
    for (const child of node.children ?? []) (byId.get(child) as ProfileNode).parent = node.id
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').at(-1) ?? ''}:${n.callFrame.lineNumber + 1}`
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  let total = 0
  let idle = 0
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000
    const node = byId.get(id) as ProfileNode
    if (node.callFrame.functionName === '(idle)') {
      idle += ms
      return
    }
    total += ms
    self.set(label(node), (self.get(label(node)) ?? 0) + ms)
    const seen = new Set<string>()
    for (
      let n: ProfileNode | undefined = node;
      n;
      n = n.parent === undefined ? undefined : byId.get(n.parent)
    ) {
      const l = label(n)
      if (seen.has(l)) continue
      seen.add(l)
      inclusive.set(l, (inclusive.get(l) ?? 0) + ms)
    }
  })
  return { self, inclusive, total, idle }
}

test('profile: remote renames on the largest board', async ({ browser, server }) => {
  test.setTimeout(600_000)
  const cards = Math.max(...SIZES)
  const { session, writer, held } = await seedBoard(server.url, cards)
  const card0 = held.find((r) => r.id === 'shape:card-0') as BoardRecord
  const { context, page } = await newPage(browser)
  await page.goto(session.links.candidate)
  await openTimes(page, 'scaleboard')
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 60_000 })
  await settle(page, 'scaleboard')
  await remoteRenames(page, writer.doc, card0, 'Warm-up', 3)
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  const profiled = async (what: string, run: () => Promise<string>) => {
    await cdp.send('Profiler.start')
    const note = await run()
    const { profile } = await cdp.send('Profiler.stop')
    const file = `/tmp/bigboard-${cards}-${what}.cpuprofile`
    writeFileSync(file, JSON.stringify(profile))
    const { self, inclusive, total, idle } = summarise(profile as never)
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(
          ([l, ms]) =>
            `  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${l}`,
        )
        .join('\n')
    console.info(`${file}: ${note}; busy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`)
    console.info(`self time, top 15:\n${top(self, 15)}`)
    console.info(`inclusive time, top 40:\n${top(inclusive, 40)}`)
    expect(total).toBeGreaterThan(0)
  }
  await profiled('remote-edit', async () => {
    const latencies = await remoteRenames(page, writer.doc, card0, 'Profiled rename', 30)
    return `30 remote renames on ${cards} cards, p50 ${stats(latencies.dom).p50.toFixed(1)} ms`
  })
  await profiled('remote-drag', async () => {
    const card1 = held.find((r) => r.id === 'shape:card-1') as BoardRecord
    const frames = await recordFrames(page, async () => {
      await remoteDrag(writer.doc, card1)
    })
    return `a peer drags a card at 60 Hz for ${DRAG_MS} ms on ${cards} cards, frames p50 ${frames.p50.toFixed(1)} p95 ${frames.p95.toFixed(1)} ms`
  })
  await context.close()
  writer.provider.destroy()
})

interface OpenTimeline {
  navigation: { responseEnd: number; domContentLoaded: number; load: number }
  resources: { path: string; type: string; start: number; end: number; kB: number }[]
  marks: { name: string; at: number }[]
  longTasks: { start: number; ms: number }[]
  sockets: {
    url: string
    created: number
    open: number
    messages: { at: number; bytes: number; handlerMs: number }[]
  }[]
}

/** What the page knows of its own opening, all in ms from navigation start. */
function readTimeline(page: Page): Promise<OpenTimeline> {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
    const timeline = (
      window as unknown as { __benchTimeline: Omit<OpenTimeline, 'navigation' | 'resources'> }
    ).__benchTimeline
    return {
      navigation: {
        responseEnd: nav?.responseEnd ?? -1,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? -1,
        load: nav?.loadEventEnd ?? -1,
      },
      resources: (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        path: new URL(r.name).pathname,
        type: r.initiatorType,
        start: r.startTime,
        end: r.responseEnd,
        kB: r.encodedBodySize / 1024,
      })),
      marks: performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
      longTasks: timeline.longTasks,
      sockets: timeline.sockets,
    }
  })
}

function printTimeline(
  label: string,
  open: { firstShapeMs: number; interactiveMs: number },
  t: OpenTimeline,
) {
  const lines: [number, string][] = [
    [t.navigation.responseEnd, 'HTML received'],
    [t.navigation.domContentLoaded, 'DOMContentLoaded'],
    [open.firstShapeMs, 'FIRST CARD in the DOM'],
    [open.interactiveMs, 'INTERACTIVE (a click selected card 0)'],
  ]
  for (const r of t.resources)
    lines.push([r.start, `${r.type} ${r.path} (${f(r.kB, 1)} kB) → ${f(r.end)} (${f(r.end - r.start)} ms)`])
  for (const m of t.marks) lines.push([m.at, `mark ${m.name}`])
  for (const s of t.sockets) {
    lines.push([s.created, `socket ${s.url} created`])
    if (s.open >= 0) lines.push([s.open, `socket ${s.url.split('?')[0]} open`])
    for (const m of s.messages.filter((m) => m.bytes > 1024 || m.handlerMs > 5))
      lines.push([
        m.at,
        `socket ${s.url.split('?')[0]} message ${f(m.bytes / 1024, 1)} kB, handler ${f(m.handlerMs, 1)} ms`,
      ])
    lines.push([s.created, `socket ${s.url.split('?')[0]}: ${s.messages.length} messages before interactive`])
  }
  for (const task of t.longTasks)
    if (task.start < open.interactiveMs)
      lines.push([task.start, `long task ${f(task.ms)} ms → ${f(task.start + task.ms)}`])
  lines.sort((a, b) => a[0] - b[0])
  console.info(`${label}\n${lines.map(([at, what]) => `  ${f(at).padStart(6)} ms  ${what}`).join('\n')}`)
}

/**
 * Opening only: BIGBOARD_OPEN_RUNS (default 3) opens of each page per size, alternating, with the
 * timeline of each (resources, sockets and their messages, long tasks, marks). BIGBOARD_OPEN_PROFILE=1
 * also records a CPU profile of one more Scaleboard open of the largest board (slower: not a figure).
 *
 *   BIGBOARD_SIZES=2000 WEB_DIST_DIR=/tmp/open-dist pnpm exec playwright test --config bench/playwright.config.ts big-board -g opening
 */
test('opening: Scaleboard against plain tldraw, per board size', async ({ browser, server }) => {
  test.setTimeout(1_200_000)
  const runs = Number(process.env.BIGBOARD_OPEN_RUNS ?? 3)
  const rows: string[] = []
  for (const cards of SIZES) {
    // the writer stays connected, as in the figures: the room is loaded on the server
    const { session, writer, held } = await seedBoard(server.url, cards)
    const shapes = held.filter((r) => r.typeName === 'shape').length
    for (let run = 1; run <= runs; run++) {
      const sb = await newPage(browser)
      await sb.page.goto(session.links.candidate)
      const sbOpen = await openTimes(sb.page, 'scaleboard')
      printTimeline(`[${cards} cards, run ${run}] Scaleboard`, sbOpen, await readTimeline(sb.page))
      expect(await sb.page.evaluate(() => window.__scaleboardEditor?.getCurrentPageShapes().length)).toBe(
        shapes,
      )
      await sb.context.close()

      const plain = await openPlain(browser, held)
      const plainOpen = await openTimes(plain.page, 'plain')
      printTimeline(`[${cards} cards, run ${run}] plain tldraw`, plainOpen, await readTimeline(plain.page))
      await plain.context.close()
      rows.push(
        `| ${cards} (${held.length}) | ${run} | ${f(sbOpen.firstShapeMs)} / ${f(plainOpen.firstShapeMs)} (${ratio(sbOpen.firstShapeMs, plainOpen.firstShapeMs)})` +
          ` | ${f(sbOpen.interactiveMs)} / ${f(plainOpen.interactiveMs)} (${ratio(sbOpen.interactiveMs, plainOpen.interactiveMs)}) |`,
      )
    }
    if (process.env.BIGBOARD_OPEN_PROFILE === '1' && cards === Math.max(...SIZES)) {
      const sb = await newPage(browser)
      const cdp = await sb.context.newCDPSession(sb.page)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
      await cdp.send('Profiler.start')
      await sb.page.goto(session.links.candidate)
      const open = await openTimes(sb.page, 'scaleboard')
      const { profile } = await cdp.send('Profiler.stop')
      const file = `/tmp/bigboard-${cards}-open.cpuprofile`
      writeFileSync(file, JSON.stringify(profile))
      const { self, inclusive, total, idle } = summarise(profile as never)
      const top = (m: Map<string, number>, n: number) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(
            ([l, ms]) =>
              `  ${ms.toFixed(1).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${l}`,
          )
          .join('\n')
      console.info(
        `${file}: open with the profiler on, first card ${f(open.firstShapeMs)} ms, interactive ${f(open.interactiveMs)} ms; busy ${total.toFixed(0)} ms, idle ${idle.toFixed(0)} ms`,
      )
      console.info(`self time, top 25:\n${top(self, 25)}`)
      console.info(`inclusive time, top 60:\n${top(inclusive, 60)}`)
      await sb.context.close()
    }
    writer.provider.destroy()
  }
  console.info(
    [
      '| cards (records) | run | first shape, ms | interactive, ms |',
      '| --- | --- | --- | --- |',
      ...rows,
    ].join('\n'),
  )
})
