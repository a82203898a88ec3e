import { escapeMarkdown, escapeMarkdownCell, escapeMarkdownLine } from './escape.ts'
import { utf8ToBase64 } from './format.ts'
import { type InterviewReport, reportView } from './interviewReport.ts'

/**
 * The interview report as one Markdown document (CommonMark with GFM tables). Every text from the
 * session is escaped, so nothing a candidate typed can become a heading, link, table cell or HTML;
 * each revision's board is an image with a data: URI, so the file stands alone.
 */
export function interviewReportMarkdown(report: InterviewReport): string {
  const view = reportView(report)
  const out: string[] = []
  const md = (text: string, indent = '') => escapeMarkdown(text, indent)

  out.push(`# ${escapeMarkdownLine(view.title.replace(/\s+/g, ' '))}`, '')
  for (const fact of view.facts) out.push(`- **${fact.label}:** ${md(fact.value, '  ')}`)
  out.push(`- **Report made:** ${view.generatedAt}`)
  out.push('')

  out.push('## Phase timeline', '', view.timeline.summary, '')
  if (view.timeline.rows.length > 0) {
    out.push(
      '| Phase | Started (UTC) | Clock time | Planned | Wall time |',
      '| --- | --- | --- | --- | --- |',
    )
    for (const row of view.timeline.rows) {
      const clock = row.overtime ? `${row.clock} (${row.overtime} over)` : row.clock
      const phase = row.running ? `${row.phase} (running)` : row.phase
      out.push(
        `| ${[phase, row.started, clock, row.planned, row.wall].map(escapeMarkdownCell).join(' | ')} |`,
      )
    }
    out.push('')
  }

  out.push('## Checklist', '', escapeMarkdownLine(view.checklist.summary), '')
  for (const group of view.checklist.groups) {
    out.push(`### ${escapeMarkdownLine(group.label)}`, '')
    for (const item of group.items) {
      const parts = [`- ${item.symbol} **${item.status}:** ${md(item.text, '  ')}`]
      if (item.addedLive) parts.push(' *(added during the session)*')
      if (item.stamp) parts.push(` — ${escapeMarkdownLine(item.stamp)}`)
      out.push(parts.join(''))
      if (item.note) out.push(`  - Note: ${md(item.note, '    ')}`)
    }
    out.push('')
  }

  if (view.notes) {
    out.push('## Private interviewer notes', '', '*Interviewer only: not shared with the candidate.*', '')
    if (view.notes.length === 0) out.push('No notes.')
    for (const note of view.notes) {
      const about = note.about ? ` (on “${md(note.about)}”)` : ''
      out.push(`- **${escapeMarkdownLine(note.stamp)}**${about}: ${md(note.text, '  ')}`)
    }
    out.push('')
  }

  out.push('## Feedback', '')
  if (!view.feedback) out.push('No feedback was written.')
  else {
    const released = view.feedback.released ? 'released to the candidate' : 'not released to the candidate'
    out.push(`*Last changed ${escapeMarkdownLine(view.feedback.stamp)}, ${released}.*`, '')
    for (const point of view.feedback.points) {
      const anchors =
        point.anchors > 0
          ? ` *(about ${point.anchors} ${point.anchors === 1 ? 'component' : 'components'} on the board)*`
          : ''
      out.push(`- **${point.label}:** ${md(point.text, '  ')}${anchors}`)
    }
  }
  out.push('')

  out.push('## Questions and answers', '')
  if (view.messages.length === 0) out.push('No questions were asked.')
  for (const message of view.messages) {
    const mark = message.clarification ? ' *(clarification of the brief)*' : ''
    out.push(
      `- **${message.author}**, ${escapeMarkdownLine(message.stamp)}${mark}: ${md(message.text, '  ')}`,
    )
  }
  out.push('')

  out.push('## Requirement changes', '')
  if (view.requirements.length === 0) out.push('No requirement changed during the session.')
  for (const change of view.requirements) {
    const status = change.status ? ` — checklist: ${change.status}` : ''
    out.push(`- **${escapeMarkdownLine(change.stamp)}:** ${md(change.text, '  ')}${status}`)
  }
  out.push('')

  out.push('## Revisions', '')
  if (view.revisions.length === 0) out.push('No revisions were taken.', '')
  for (const revision of view.revisions) {
    const label = escapeMarkdownLine(revision.label.replace(/\s+/g, ' '))
    out.push(`### ${label}`, '', `*${escapeMarkdownLine(revision.meta)}*`, '')
    out.push(`![${label}](data:image/svg+xml;base64,${utf8ToBase64(revision.svg)})`, '')
  }

  out.push('## Revision phase diff', '')
  if (!view.diff) out.push('There was no revision phase diff.', '')
  else {
    out.push(`From **${md(view.diff.from)}** to **${md(view.diff.to)}**.`, '')
    for (const part of view.diff.parts) {
      out.push(`### ${part.label} (${part.entries.length})`, '')
      if (part.entries.length === 0) out.push('Nothing.')
      for (const entry of part.entries) {
        out.push(`- ${md(entry.summary, '  ')}`)
        for (const detail of entry.details) out.push(`  - ${md(detail, '    ')}`)
      }
      out.push('')
    }
  }
  return `${out.join('\n').trimEnd()}\n`
}
