import { architectureToRecords } from '@scaleboard/components/schema'
import { describe, expect, it } from 'vitest'
import { boardSvg } from './boardSvg.ts'
import { assertWellFormed } from './xmlWellFormed.ts'

const PAGE = { id: 'page:board', typeName: 'page', name: 'Board', index: 'a1', meta: {} }

/** A small real board: a region holding a GPU server, a client outside it, a sync and an async flow. */
function smallBoard(names: { client?: string; server?: string; region?: string } = {}) {
  const { records } = architectureToRecords(
    {
      components: [
        { id: 'web', kind: 'client', name: names.client ?? 'Web shop', x: 0, y: 100 },
        {
          id: 'eu',
          kind: 'region-boundary',
          name: names.region ?? 'eu-west-1',
          x: 300,
          y: 0,
          w: 400,
          h: 300,
        },
        {
          id: 'rank',
          kind: 'model-server-gpu',
          name: names.server ?? 'Ranking service',
          detail: 'Triton on EKS',
          figures: { replicas: 4, hardware: 'A10G' },
          x: 340,
          y: 80,
        },
        { id: 'queue', kind: 'message-queue', name: 'Click stream', x: 0, y: 400 },
      ],
      flows: [
        { from: 'web', to: 'rank', mode: 'sync', rps: 5400, label: 'ranking requests' },
        { from: 'rank', to: 'queue', mode: 'async' },
      ],
    },
    { pageId: 'page:board' as never, spread: { x: 1, y: 1 } },
  )
  return [PAGE, ...records] as unknown[]
}

function attr(svg: string, name: string): string {
  const match = new RegExp(`^<svg[^>]* ${name}="([^"]*)"`).exec(svg)
  if (!match) throw new Error(`no ${name} on the root`)
  return match[1]
}

describe('boardSvg', () => {
  it('draws a real board: frame, region, cards with names and detail, flows with labels and arrowheads', () => {
    const svg = boardSvg(smallBoard(), { title: 'After design' })
    expect(assertWellFormed(svg)).toBeGreaterThan(10)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain('<title>After design</title>')
    for (const text of [
      'Current state',
      'eu-west-1',
      'Web shop',
      'Ranking service',
      'Triton on EKS',
      'Click stream',
    ])
      expect(svg).toContain(`>${text}<`)
    expect(svg).toContain('>4 × A10G<')
    expect(svg).toContain('>ranking requests · sync · 5.4k rps<')
    expect(svg).toContain('>async<')
    // two flows: two paths, each with an arrowhead; the async one dashed, the sync one not
    const paths = [...svg.matchAll(/<path d="M[^"]+"[^>]*>/g)].map((m) => m[0])
    expect(paths).toHaveLength(2)
    expect(paths.filter((p) => p.includes('stroke-dasharray'))).toHaveLength(1)
    expect(svg.match(/<polygon points="[^"]+" fill="#4b5563"\/>/g)).toHaveLength(2)
    // the card is drawn inside the region: its page position is the region's plus its own
    expect(svg).toContain('data-shape="component" aria-label="GPU model server, Ranking service')
  })

  it('resolves page coordinates through parents and ends arrows at card edges', () => {
    const region = {
      id: 'shape:r',
      typeName: 'shape',
      type: 'region',
      parentId: 'page:board',
      index: 'a1',
      x: 1000,
      y: 500,
      rotation: 0,
      props: { name: 'Zone', detail: '', w: 600, h: 400 },
      meta: {},
    }
    const card = (id: string, x: number, parentId: string) => ({
      id,
      typeName: 'shape',
      type: 'component',
      parentId,
      index: 'a2',
      x,
      y: 100,
      rotation: 0,
      props: { kind: 'cache', name: id, detail: '', figures: {}, w: 200, h: 100 },
      meta: {},
    })
    const records = [
      PAGE,
      region,
      card('shape:a', 50, 'shape:r'),
      card('shape:b', 350, 'shape:r'),
      {
        id: 'shape:arrow',
        typeName: 'shape',
        type: 'arrow',
        parentId: 'shape:r',
        index: 'a3',
        x: 0,
        y: 0,
        rotation: 0,
        props: {
          start: { x: 0, y: 0 },
          end: { x: 10, y: 0 },
          bend: 0,
          arrowheadEnd: 'arrow',
          arrowheadStart: 'none',
        },
        meta: {},
      },
      {
        id: 'binding:1',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:arrow',
        toId: 'shape:a',
        props: { terminal: 'start', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
      },
      {
        id: 'binding:2',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:arrow',
        toId: 'shape:b',
        props: { terminal: 'end', normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false },
      },
    ]
    const svg = boardSvg(records)
    assertWellFormed(svg)
    expect(svg).toContain('transform="translate(1050 600)"')
    expect(svg).toContain('transform="translate(1350 600)"')
    // from the right edge of a (x 1250) to the left edge of b (x 1350), at the cards' middle height
    expect(svg).toContain('<path d="M1250,650 L1350,650"')
    // the view box is the content plus the margin
    expect(attr(svg, 'viewBox')).toBe('968 468 664 464')
  })

  it('escapes candidate text: a <script> name stays text and the document stays well-formed', () => {
    const svg = boardSvg(
      smallBoard({
        client: '<script>alert(1)</script>',
        server: 'Cache & "rank" \'n\' <b>',
        region: '</svg><svg onload=alert(1)>',
      }),
      { title: 'R&D <board>' },
    )
    assertWellFormed(svg)
    expect(svg).not.toContain('<script')
    expect(svg).not.toContain('<b>')
    expect(svg).not.toContain('<svg onload')
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(svg).toContain('Cache &amp; &quot;rank&quot; &#39;n&#39; &lt;b&gt;')
    expect(svg).toContain('<title>R&amp;D &lt;board&gt;</title>')
    expect(svg.match(/<svg /g)).toHaveLength(1)
  })

  it('says "Empty board" for a board without shapes, and for no records at all', () => {
    for (const records of [[PAGE], [], new Map<string, unknown>()]) {
      const svg = boardSvg(records)
      assertWellFormed(svg)
      expect(svg).toContain('>Empty board<')
      expect(attr(svg, 'width')).toBe('320')
    }
  })

  it('accepts records as a map and gives the same string every time', () => {
    const list = smallBoard()
    const map = new Map(list.map((r) => [(r as { id: string }).id, r]))
    expect(boardSvg(map)).toBe(boardSvg(list))
    expect(boardSvg([...list].reverse())).toBe(boardSvg(list))
  })

  it('keeps its width attribute within maxWidth, scaling a wide board down', () => {
    const wide = [
      PAGE,
      ...[0, 1].map((i) => ({
        id: `shape:${i}`,
        typeName: 'shape',
        type: 'geo',
        parentId: 'page:board',
        index: `a${i + 1}`,
        x: i * 5000,
        y: 0,
        rotation: 0,
        props: { geo: 'rectangle', w: 200, h: 100 },
        meta: {},
      })),
    ]
    const svg = boardSvg(wide)
    expect(Number(attr(svg, 'width'))).toBe(1200)
    expect(Number(attr(svg, 'height'))).toBe(Math.round(((100 + 64) * 1200) / (5200 + 64)))
    expect(Number(attr(boardSvg(wide, { maxWidth: 600 }), 'width'))).toBe(600)
  })

  it('draws notes, text and geo shapes with their text, annotations in violet, and counts freehand drawings', () => {
    const rich = (text: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    })
    const shape = (
      id: string,
      type: string,
      props: Record<string, unknown>,
      meta: Record<string, unknown> = {},
    ) => ({
      id,
      typeName: 'shape',
      type,
      parentId: 'page:board',
      index: `a${id.length}`,
      x: id.length * 300,
      y: 0,
      rotation: 0,
      props,
      meta,
    })
    const svg = boardSvg([
      PAGE,
      shape('shape:n', 'note', { richText: rich('Cache & warm'), color: 'yellow', scale: 1, growY: 0 }),
      shape('shape:tt', 'text', { richText: rich('p99 < 80 ms'), w: 200, size: 's', scale: 1 }),
      shape('shape:ggg', 'geo', { geo: 'ellipse', w: 160, h: 80, richText: rich('Users') }),
      shape(
        'shape:aaaa',
        'geo',
        { geo: 'rectangle', w: 160, h: 80, richText: rich('Why 4 replicas?') },
        { annotation: { author: 'interviewer', createdAt: 1 } },
      ),
      shape('shape:ddddd', 'draw', { segments: [] }),
    ])
    assertWellFormed(svg)
    expect(svg).toContain('>Cache &amp; warm<')
    expect(svg).toContain('>p99 &lt; 80 ms<')
    expect(svg).toContain('<ellipse')
    expect(svg).toContain('>Users<')
    expect(svg).toMatch(/<rect [^>]*stroke="#7c3aed"[^>]*\/><text[^>]*>Why 4 replicas\?</)
    expect(svg).toContain('>1 freehand drawing not shown<')
  })

  it('skips records it cannot read instead of failing', () => {
    const svg = boardSvg([
      PAGE,
      null,
      42,
      { typeName: 'shape' },
      {
        typeName: 'shape',
        id: 'shape:x',
        type: 'geo',
        parentId: 'page:board',
        x: 'a',
        props: { w: -5, h: Number.NaN },
      },
    ])
    assertWellFormed(svg)
    expect(svg).not.toContain('NaN')
  })
})

describe('assertWellFormed', () => {
  it('fails on broken markup', () => {
    for (const bad of [
      '<svg><g></svg>',
      '<svg>a < b</svg>',
      '<svg>R&D</svg>',
      '<svg x=1></svg>',
      '<svg/><svg/>',
      '<svg><g>',
      'text',
    ])
      expect(() => assertWellFormed(bad), bad).toThrow()
    expect(assertWellFormed('<svg a="1"><g>x &amp; y</g><rect/></svg>')).toBe(3)
  })
})
