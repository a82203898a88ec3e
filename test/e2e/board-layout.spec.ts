import type { Page } from '@playwright/test'
import { createSession } from '../serverProcess.ts'
import { expect, openSidePanel, test, waitForLive } from './fixtures.ts'
import { brokenLabelWords } from './labels.ts'

interface Placed {
  id: string
  x: number
  y: number
  w: number
  h: number
}

/** A CPU model server card record at (x, 3000), made here and handed to the page. */
const card = (id: string, name: string, x: number) => ({
  id: `shape:${id}`,
  type: 'component',
  x,
  y: 3000,
  props: { kind: 'model-server-cpu', name, detail: '', figures: {}, w: 248, h: 112 },
})

/** Three cards dropped on top of each other, chained by two labelled flows, all selected. */
function drawTangle(page: Page): Promise<void> {
  const cards = [
    card('api', 'API', 5000),
    card('ranker', 'Ranker', 5060),
    card('store', 'Feature store', 5120),
  ]
  return page.evaluate((cards) => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    editor.createShapes(cards as never)
    const flow = (id: string, from: string, to: string, label: string) => {
      editor.createShapes([
        {
          id: `shape:${id}`,
          type: 'arrow',
          x: 5000,
          y: 3000,
          props: {
            richText: {
              type: 'doc',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }],
            },
          },
        },
      ] as never)
      editor.createBindings([
        {
          fromId: `shape:${id}`,
          toId: `shape:${from}`,
          type: 'arrow',
          props: {
            terminal: 'start',
            normalizedAnchor: { x: 0.5, y: 0.5 },
            isExact: false,
            isPrecise: false,
          },
        },
        {
          fromId: `shape:${id}`,
          toId: `shape:${to}`,
          type: 'arrow',
          props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
        },
      ] as never)
    }
    flow('f1', 'api', 'ranker', 'ranking requests · sync · 5.4k rps')
    flow('f2', 'ranker', 'store', 'features · sync · 16k rps')
    editor.select('shape:api' as never, 'shape:ranker' as never, 'shape:store' as never)
  }, cards)
}

function cards(page: Page): Promise<Placed[]> {
  return page.evaluate(() => {
    const editor = window.__scaleboardEditor
    return ['api', 'ranker', 'store'].map((id) => {
      const bounds = editor?.getShapePageBounds(`shape:${id}` as never)
      return { id, x: bounds?.x ?? 0, y: bounds?.y ?? 0, w: bounds?.w ?? 0, h: bounds?.h ?? 0 }
    })
  })
}

test('Tidy layout lays the selection out along its flows, as one undoable step', async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url, { scenarioId: 'recommendations', level: 'mid' })
  const { page } = await openBoard(session.links.candidate)
  await drawTangle(page)
  const tangled = await cards(page)

  await page.locator('.tl-canvas').focus()
  await page.keyboard.press('Alt+Shift+L')
  await expect
    .poll(async () => (await cards(page)).map((c) => Math.round(c.x)), { timeout: 30_000 })
    .not.toEqual(tangled.map((c) => Math.round(c.x)))
  const tidy = await cards(page)
  // left to right along the flows, nothing on top of anything, room for each label between
  expect(tidy[0].x + tidy[0].w).toBeLessThan(tidy[1].x)
  expect(tidy[1].x + tidy[1].w).toBeLessThan(tidy[2].x)
  expect(tidy[1].x - (tidy[0].x + tidy[0].w)).toBeGreaterThan(150)
  // the selection's top-left stayed where it was
  expect(Math.min(...tidy.map((c) => c.x))).toBeCloseTo(Math.min(...tangled.map((c) => c.x)), 0)

  // One Ctrl+Z puts everything back.
  await page.keyboard.press('Control+z')
  await expect
    .poll(async () => (await cards(page)).map((c) => Math.round(c.x)))
    .toEqual(tangled.map((c) => Math.round(c.x)))

  // …and redo applies it again, whole.
  await page.keyboard.press('Control+Shift+z')
  await expect.poll(async () => Math.round((await cards(page))[2].x)).toBe(Math.round(tidy[2].x))

  // The context menu of a selection offers it.
  const at = await page.evaluate(() => {
    const editor = window.__scaleboardEditor
    if (!editor) return null
    editor.select('shape:api' as never, 'shape:ranker' as never)
    editor.zoomToSelection({ immediate: true })
    const bounds = editor.getShapePageBounds('shape:api' as never)
    return bounds ? editor.pageToViewport(bounds.center) : null
  })
  if (!at) throw new Error('no card on screen')
  const canvasBox = await page.locator('.tl-canvas').boundingBox()
  await page.mouse.click((canvasBox?.x ?? 0) + at.x, (canvasBox?.y ?? 0) + at.y, { button: 'right' })
  await expect(page.getByRole('menuitem', { name: /Tidy layout/ })).toBeVisible()
})

test("each person's view of the board survives a reload", async ({ server, openBoard }) => {
  const session = await createSession(server.url, { scenarioId: 'fraud-scoring', level: 'senior' })
  const { page } = await openBoard(session.links.candidate)
  const camera = () =>
    page.evaluate(() => {
      const c = window.__scaleboardEditor?.getCamera()
      return c ? { x: Math.round(c.x), y: Math.round(c.y), z: Math.round(c.z * 100) / 100 } : null
    })
  // The first view is readable: at least 90 % zoom.
  expect((await camera())?.z).toBeGreaterThanOrEqual(0.9)
  await page.evaluate(() => {
    window.__scaleboardEditor?.setCamera({ x: -1234, y: -321, z: 0.5 }, { immediate: true })
  })
  await page.waitForTimeout(1000)
  await page.reload()
  await waitForLive(page)
  // the same view, give or take the few pixels the panels settle by as the page lays out
  await expect
    .poll(async () => {
      const c = await camera()
      return c && Math.abs(c.x + 1234) < 24 && Math.abs(c.y + 321) < 24 && c.z === 0.5
    })
    .toBe(true)

  // Another person's browser opens at its own first view.
  const other = await openBoard(session.links.interviewer)
  const theirs = await other.page.evaluate(() => window.__scaleboardEditor?.getCamera().z)
  expect(theirs).toBeGreaterThanOrEqual(0.9)
})

test("a candidate's flow reads like the diagram: sans at card size, compact rate, room to fit, exact figures kept", async ({
  server,
  openBoard,
}) => {
  const session = await createSession(server.url, { title: 'Blank board' })
  const { page } = await openBoard(session.links.candidate)
  // Two cards side by side with a short arrow between them, the arrow selected.
  const cards = [card('api', 'API', 5000), card('ranker', 'Ranker', 5300)]
  await page.evaluate((cards) => {
    const editor = window.__scaleboardEditor
    if (!editor) throw new Error('no editor')
    editor.createShapes(cards as never)
    editor.createShapes([{ id: 'shape:flow', type: 'arrow', x: 5000, y: 3000 }] as never)
    const end = (terminal: string, toId: string) => ({
      fromId: 'shape:flow',
      toId,
      type: 'arrow',
      props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
    })
    editor.createBindings([end('start', 'shape:api'), end('end', 'shape:ranker')] as never)
    editor.select('shape:flow' as never)
    editor.zoomToBounds({ x: 4900, y: 2900, w: 1000, h: 400 }, { targetZoom: 1, immediate: true })
  }, cards)
  await openSidePanel(page)
  const inspector = page.getByTestId('flow-inspector')
  await expect(inspector).toBeVisible()
  await page.getByTestId('flow-label').fill('ranking requests')
  await page.getByTestId('flow-rps').fill('12345')
  await page.getByTestId('flow-rps').press('Enter')

  const label = page.locator('.tl-canvas [data-shape-type="arrow"] .tl-text-label__inner')
  await expect(label).toHaveText('ranking requests · sync · 12.3k rps')
  const style = await label.evaluate((el) => {
    const css = getComputedStyle(el.querySelector('.tl-text') ?? el)
    return { size: Number.parseFloat(css.fontSize), family: css.fontFamily }
  })
  expect(style.size).toBeCloseTo(12.5, 1)
  expect(style.family).toMatch(/^tldraw_sans/)

  // The end card moved aside so the label fits between the cards, on one line.
  const boxes = await page.evaluate(() => {
    const read = (selector: string) =>
      [...document.querySelectorAll(selector)].map((el) => {
        const r = el.getBoundingClientRect()
        return { x: r.x, y: r.y, w: r.width, h: r.height, lines: el.getClientRects().length }
      })
    return {
      cards: read('.tl-canvas .sb-card'),
      label: read('.tl-canvas [data-shape-type="arrow"] .tl-text-label__inner')[0],
    }
  })
  for (const card of boxes.cards)
    expect(
      card.x + card.w <= boxes.label.x || boxes.label.x + boxes.label.w <= card.x,
      'label clear of the cards',
    ).toBe(true)
  expect(await brokenLabelWords(page)).toEqual([])

  // The exact rate is kept: the inspector reads 12345 back, not the rounded 12.3k.
  await page.evaluate(() => {
    const editor = window.__scaleboardEditor
    editor?.selectNone()
    editor?.select('shape:flow' as never)
  })
  await expect(page.getByTestId('flow-rps')).toHaveValue('12345')
})
