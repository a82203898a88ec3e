import { describe, expect, it } from 'vitest'
import { interviewFixture } from './reportFixture.ts'
import { interviewReportHtml } from './reportHtml.ts'
import { assertWellFormed } from './xmlWellFormed.ts'

const SECTIONS = [
  'Phase timeline',
  'Checklist',
  'Feedback',
  'Questions and answers',
  'Requirement changes',
  'Revisions',
  'Revision phase diff',
]

function headings(html: string, level: 2 | 3): string[] {
  return [...html.matchAll(new RegExp(`<h${level}>([^<]*)</h${level}>`, 'g'))].map((m) => m[1])
}

describe('interviewReportHtml', () => {
  const html = interviewReportHtml(interviewFixture())

  it('is one well-formed page with a header and every section, in order', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true)
    expect(assertWellFormed(html)).toBeGreaterThan(100)
    expect(html).toContain('<title>Interview report: Ranking at 10× traffic</title>')
    expect(html).toContain('<h1>Interview report: Ranking at 10× traffic</h1>')
    expect(html).toContain('<dt>Candidate</dt><dd>Ada &lt;Lovelace&gt;</dd>')
    expect(html).toContain('<dt>Level</dt><dd>Senior</dd>')
    expect(headings(html, 2)).toEqual(SECTIONS)
  })

  it('has the timeline, the grouped checklist, feedback, Q&A and requirement changes', () => {
    expect(html).toContain(
      '<tr><td>Design</td><td>14:10:00</td><td>1:05:00 <span class="over">(+05:00 over)</span></td><td>1:00:00</td><td>1:05:00</td></tr>',
    )
    expect(headings(html, 3).slice(0, 5)).toEqual([
      'Bottlenecks addressed',
      'Latency, throughput, budget and reliability met',
      'Horizontal and vertical scaling',
      'Migration plan',
      'Trade-offs defended, open to alternatives',
    ])
    expect(html).toContain(
      '<span class="status status-met">✓ Met</span><span class="text">Finds the Flask recommender as the bottleneck</span>',
    )
    expect(html).toContain(
      '<div class="note">Note: <span class="text">Spotted it from the p99 in two minutes</span></div>',
    )
    expect(html).toContain('<span class="status status-unrated">· Not rated</span>')
    expect(html).toContain('<strong>Strength:</strong> <span class="text">Clear bottleneck analysis</span>')
    expect(html).toMatch(/Per region, yes\./)
    expect(html).toContain('<span class="tag tag-clarification">Clarification of the brief</span>')
    expect(html.indexOf('Is the SLO per region?')).toBeLessThan(html.indexOf('Per region, yes.'))
    expect(html).toContain(
      '<strong>design +40:00</strong> <span class="text">Traffic doubles in 6 months</span>',
    )
  })

  it('leaves the private notes out unless the report includes them', () => {
    expect(html).not.toContain('Private interviewer notes')
    expect(html).not.toContain('PRIVATE')
    const withNotes = interviewReportHtml(interviewFixture({ includePrivateNotes: true }))
    assertWellFormed(withNotes)
    expect(headings(withNotes, 2)).toEqual([
      'Phase timeline',
      'Checklist',
      'Private interviewer notes',
      ...SECTIONS.slice(2),
    ])
    expect(withNotes).toContain(
      '<li><strong>design +30:00</strong> <span class="muted">on “Keeps p99 under 150 ms”</span><br /><span class="text">PRIVATE: hesitant on cost maths</span></li>',
    )
  })

  it('inlines each revision board as SVG, oldest first, and lists the diff', () => {
    const svgs = [...html.matchAll(/<figure>(<svg [\s\S]*?<\/svg>)<\/figure>/g)].map((m) => m[1])
    expect(svgs).toHaveLength(2)
    for (const svg of svgs) assertWellFormed(svg)
    expect(svgs[0]).toContain('>Ranking &lt;service&gt;<')
    expect(svgs[1]).toContain('>Ranking service v2<')
    expect(html).not.toContain('<img')
    expect(html).toContain(
      '<p class="meta">2026-12-01 15:14 UTC (design +1:04:00), saved by hand by Candidate</p>',
    )
    expect(html).toContain('<p>From <strong>After feedback</strong> to <strong>After revision</strong>.</p>')
    expect(html).toContain('<h3>Added (1)</h3><ul><li>New component Feature cache (cache)</li></ul>')
    expect(html).toContain('<h3>Removed (0)</h3><p class="muted">Nothing.</p>')
    expect(html).toContain('<ul><li>moved</li></ul>')
    expect(interviewReportHtml(interviewFixture({ revisionDiff: null }))).toContain(
      '<p>There was no revision phase diff.</p>',
    )
  })

  it('escapes every text from the session', () => {
    const all = interviewReportHtml(interviewFixture({ includePrivateNotes: true }))
    expect(all).not.toContain('<script')
    // the checklist item, the note, the feedback, the question, the revision label, the diff
    expect(
      all.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; \| # not a heading/g),
    ).toHaveLength(6)
    assertWellFormed(all)
  })

  it('needs nothing from outside the page and prints cleanly', () => {
    // no script, no style attribute (a strict CSP would drop it), no reference to another resource
    expect(html).not.toMatch(/<script|\sstyle=|\s(src|href|srcset|action)=|url\(|@import|<link|<iframe/i)
    expect(html.match(/https?:\/\/[^"]*/g)?.every((url) => url === 'http://www.w3.org/2000/svg')).toBe(true)
    expect(html.match(/<style>/g)).toHaveLength(1)
    expect(html).toMatch(/@page \{[^}]*margin/)
    expect(html).toMatch(/\.revision \{[^}]*break-inside: avoid/)
    expect(html).toMatch(/@media print/)
  })
})
