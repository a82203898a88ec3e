import { describe, expect, it } from 'vitest'
import { HOSTILE, interviewFixture } from './reportFixture.ts'
import { interviewReportMarkdown } from './reportMarkdown.ts'

const SECTIONS = [
  '## Phase timeline',
  '## Checklist',
  '## Feedback',
  '## Questions and answers',
  '## Requirement changes',
  '## Revisions',
  '## Revision phase diff',
]

function decodeImages(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\)/g)].map((m) =>
    new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0))),
  )
}

describe('interviewReportMarkdown', () => {
  const markdown = interviewReportMarkdown(interviewFixture())
  const lines = markdown.split('\n')

  it('has every section, in order, under a header with the session facts', () => {
    expect(lines[0]).toBe('# Interview report: Ranking at 10× traffic')
    expect(markdown).toContain('- **Candidate:** Ada \\<Lovelace\\>')
    expect(markdown).toContain('- **Scenario:** Recommendations for a growing web shop')
    expect(markdown).toContain('- **Level:** Senior')
    expect(markdown).toContain('- **Created:** 2026-12-01 13:30 UTC')
    const positions = SECTIONS.map((heading) => lines.indexOf(heading))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('lists the phases with start, clock time, plan and overtime', () => {
    expect(markdown).toContain(
      'Started 2026-12-01 14:00 UTC, finished 2026-12-01 15:58 UTC; 1:58:00 on the phase clocks.',
    )
    expect(markdown).toContain('| Briefing | 14:00:00 | 10:00 | 10:00 | 10:00 |')
    expect(markdown).toContain('| Design | 14:10:00 | 1:05:00 (+05:00 over) | 1:00:00 | 1:05:00 |')
    expect(markdown).toContain('| Revision | 15:40:00 | 18:00 (+03:00 over) | 15:00 | 18:00 |')
    expect(
      lines.filter(
        (line) => line.startsWith('| ') && !line.startsWith('| Phase') && !line.startsWith('| ---'),
      ),
    ).toHaveLength(5)
  })

  it('groups the checklist with statuses as symbols and words, notes and clock stamps', () => {
    const bottlenecks = lines.indexOf('### Bottlenecks addressed')
    const tradeoffs = lines.indexOf('### Trade-offs defended, open to alternatives')
    expect(bottlenecks).toBeGreaterThan(lines.indexOf('## Checklist'))
    expect(tradeoffs).toBeGreaterThan(bottlenecks)
    expect(markdown).toContain('- ✓ **Met:** Finds the Flask recommender as the bottleneck — design +14:00')
    expect(markdown).toContain('  - Note: Spotted it from the p99 in two minutes')
    expect(markdown).toContain('- ◐ **Partial:** Keeps p99 under 150 ms')
    expect(markdown).toContain('- ✗ **Missed:** Plans the cut-over')
    expect(markdown).toContain('- · **Not rated:** Survives traffic doubling *(added during the session)*')
    expect(markdown).toContain('Met 1 · Partial 1 · Missed 1 · Open 1 · Not rated 1 (of 5)')
  })

  it('leaves the private notes out unless the report includes them', () => {
    expect(markdown).not.toContain('Private interviewer notes')
    expect(markdown).not.toContain('PRIVATE')
    expect(markdown).not.toContain('second note')

    const withNotes = interviewReportMarkdown(interviewFixture({ includePrivateNotes: true }))
    const at = withNotes.indexOf('## Private interviewer notes')
    expect(at).toBeGreaterThan(withNotes.indexOf('## Checklist'))
    expect(at).toBeLessThan(withNotes.indexOf('## Feedback'))
    expect(withNotes).toContain(
      '- **design +30:00** (on “Keeps p99 under 150 ms”): PRIVATE: hesitant on cost maths',
    )
    // the note's own lines stay inside its list item: hard breaks, the dash escaped
    expect(withNotes).toContain(
      '- **walkthrough +05:00**: second note\\\n  \\- with a dash line\\\n  \\<script\\>',
    )
    expect(interviewReportMarkdown(interviewFixture({ includePrivateNotes: true, notes: [] }))).toContain(
      'No notes.',
    )
  })

  it('has the feedback, the Q&A in time order with clarifications marked, and the requirement changes', () => {
    expect(markdown).toContain('*Last changed feedback +05:00, released to the candidate.*')
    expect(markdown).toContain('- **Strength:** Clear bottleneck analysis *(about 1 component on the board)*')
    expect(markdown).toContain('- **To improve:** Think about the migration')
    const question = markdown.indexOf('- **Candidate**, design +02:00: Is the SLO per region?')
    const answer = markdown.indexOf(
      '- **Interviewer**, design +03:00 *(clarification of the brief)*: Per region, yes.',
    )
    expect(question).toBeGreaterThan(0)
    expect(answer).toBeGreaterThan(question)
    expect(markdown).toContain('- **design +40:00:** Traffic doubles in 6 months')
    const empty = interviewReportMarkdown(
      interviewFixture({ feedback: null, messages: [], requirements: [], revisions: [] }),
    )
    for (const text of [
      'No feedback was written.',
      'No questions were asked.',
      'No requirement changed during the session.',
      'No revisions were taken.',
    ])
      expect(empty).toContain(text)
  })

  it('shows each revision, oldest first, with its time and its board as an SVG data: URI', () => {
    const first = markdown.indexOf('### After design')
    const second = markdown.indexOf('### After revision')
    expect(first).toBeGreaterThan(markdown.indexOf('## Revisions'))
    expect(second).toBeGreaterThan(first)
    expect(markdown).toContain('*2026-12-01 15:14 UTC (design +1:04:00), saved by hand by Candidate*')
    // taken as the interview left the revision phase: stamped in the phase it closed
    expect(markdown).toContain('*2026-12-01 15:58 UTC (revision +18:00), taken at a phase change*')
    const images = decodeImages(markdown)
    expect(images).toHaveLength(2)
    expect(images[0]).toContain('>Ranking &lt;service&gt;<')
    expect(images[1]).toContain('>Ranking service v2<')
    expect(images[1]).toContain('>6 replicas<')
  })

  it('lists the revision phase diff as added, removed and changed, or says there was none', () => {
    expect(markdown).toContain('From **After feedback** to **After revision**.')
    expect(markdown).toContain('### Added (1)\n\n- New component Feature cache (cache)')
    expect(markdown).toContain('### Removed (0)\n\nNothing.')
    expect(markdown).toContain('### Changed (1)')
    expect(markdown).toContain('  - moved')
    expect(markdown).not.toContain('  - replicas 2 → 6')
    expect(interviewReportMarkdown(interviewFixture({ revisionDiff: null }))).toContain(
      'There was no revision phase diff.',
    )
  })

  it('escapes candidate text so it cannot change the structure', () => {
    const all = interviewReportMarkdown(interviewFixture({ includePrivateNotes: true }))
    // every '<' is escaped: none can open HTML
    expect(all).not.toMatch(/(^|[^\\])</m)
    expect(all).toContain('\\<script\\>alert("x")\\</script\\> \\& \\| # not a heading')
    // the only headings are the report's own
    const headings = all.split('\n').filter((line) => /^\s{0,3}#/.test(line))
    expect(headings.filter((h) => !h.startsWith('## ') && !h.startsWith('### '))).toEqual([headings[0]])
    expect(headings.some((h) => h.includes('not a heading') && !h.startsWith('### After design'))).toBe(false)
    // a label starting with '#' is escaped too
    const label = interviewReportMarkdown(
      interviewFixture({
        revisions: [
          {
            ...interviewFixture().revisions[0],
            revision: { ...interviewFixture().revisions[0].revision, label: '# [x](javascript:alert(1))' },
          },
        ],
      }),
    )
    expect(label).toContain('### \\# \\[x\\](javascript:alert(1))')
    expect(label).toContain('![\\# \\[x\\](javascript:alert(1))](data:image/svg+xml;base64,')
    expect(HOSTILE).toContain('<script>')
  })
})
