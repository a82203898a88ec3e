import { escapeXml as esc } from './escape.ts'
import { type InterviewReport, reportView } from './interviewReport.ts'

/*
 * One printable page. Its only style is the <style> element below (no style attributes, no
 * external font, image or script), so it works under a CSP of
 * `default-src 'none'; style-src 'unsafe-inline'; img-src data:`, and Chromium prints it to PDF as it is.
 */
const CSS = `
:root { color-scheme: light; --ink: #111827; --muted: #5b6475; --line: #dfe3ea; --soft: #f6f7f9;
  --met: #15803d; --partial: #b45309; --missed: #b42318; --open: #475569; --private: #7c3aed; }
* { box-sizing: border-box; }
html { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
body { margin: 0; }
main { max-width: 860px; margin: 0 auto; padding: 32px 24px 48px; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 12px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; }
h3 { font-size: 1rem; margin: 20px 0 6px; break-after: avoid; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; font-weight: 600; }
.muted, .meta { color: var(--muted); }
.meta { font-size: 0.9rem; margin: 0 0 8px; }
.text { white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 10px 4px 0; border-bottom: 1px solid var(--line); }
th { font-size: 0.85rem; color: var(--muted); font-weight: 600; }
.over { color: var(--missed); }
ul { padding-left: 1.2em; margin: 4px 0; }
ul.items { list-style: none; padding-left: 0; }
ul.items > li { padding: 6px 0; border-bottom: 1px solid var(--line); break-inside: avoid; }
.status { display: inline-block; min-width: 7.5em; font-weight: 600; }
.status-met { color: var(--met); }
.status-partial { color: var(--partial); }
.status-missed { color: var(--missed); }
.status-open, .status-unrated { color: var(--open); }
.note { margin: 2px 0 0 7.5em; color: var(--muted); }
.tag { display: inline-block; font-size: 0.8rem; border: 1px solid currentColor; border-radius: 4px; padding: 0 5px; margin-left: 6px; color: var(--muted); }
.tag-clarification { color: var(--partial); }
.private { border-left: 4px solid var(--private); padding-left: 12px; }
.private h2 { color: var(--private); }
.revision { break-inside: avoid; page-break-inside: avoid; margin: 16px 0 24px; }
.revision figure { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fff; }
.revision svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
footer { margin-top: 40px; font-size: 0.85rem; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  html { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 20px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`

function text(value: string): string {
  return `<span class="text">${esc(value.trim())}</span>`
}

function section(title: string, body: string, className = ''): string {
  const cls = className ? ` class="${className}"` : ''
  return `<section${cls}><h2>${esc(title)}</h2>${body}</section>`
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * The interview report as one self-contained, printable HTML page: header, phase timeline,
 * checklist, private notes (only when the report includes them), feedback, Q&A, requirement
 * changes, each revision with its board inlined as SVG, and the revision phase diff. Every text
 * from the session is escaped.
 */
export function interviewReportHtml(report: InterviewReport): string {
  const view = reportView(report)
  const parts: string[] = []

  parts.push(
    `<header><h1>${esc(view.title)}</h1><dl class="facts">${view.facts
      .map((fact) => `<dt>${esc(fact.label)}</dt><dd>${esc(fact.value)}</dd>`)
      .join('')}<dt>Report made</dt><dd>${esc(view.generatedAt)}</dd></dl></header>`,
  )

  const rows = view.timeline.rows
    .map((row) => {
      const over = row.overtime ? ` <span class="over">(${esc(row.overtime)} over)</span>` : ''
      const running = row.running ? ' <span class="muted">(running)</span>' : ''
      return `<tr><td>${esc(row.phase)}${running}</td><td>${esc(row.started)}</td><td>${esc(row.clock)}${over}</td><td>${esc(row.planned)}</td><td>${esc(row.wall)}</td></tr>`
    })
    .join('')
  parts.push(
    section(
      'Phase timeline',
      `<p>${esc(view.timeline.summary)}</p>` +
        (rows
          ? `<table><thead><tr><th>Phase</th><th>Started (UTC)</th><th>Clock time</th><th>Planned</th><th>Wall time</th></tr></thead><tbody>${rows}</tbody></table>`
          : ''),
    ),
  )

  parts.push(
    section(
      'Checklist',
      `<p class="muted">${esc(view.checklist.summary)}</p>` +
        view.checklist.groups
          .map(
            (group) =>
              `<h3>${esc(group.label)}</h3><ul class="items">${group.items
                .map((item) => {
                  const live = item.addedLive ? '<span class="tag">added live</span>' : ''
                  const stamp = item.stamp ? ` <span class="muted">${esc(item.stamp)}</span>` : ''
                  const note = item.note ? `<div class="note">Note: ${text(item.note)}</div>` : ''
                  return `<li><span class="status status-${item.statusKey}">${esc(item.symbol)} ${esc(item.status)}</span>${text(item.text)}${live}${stamp}${note}</li>`
                })
                .join('')}</ul>`,
          )
          .join(''),
    ),
  )

  if (view.notes) {
    const notes =
      view.notes.length === 0
        ? '<p>No notes.</p>'
        : `<ul class="items">${view.notes
            .map((note) => {
              const about = note.about ? ` <span class="muted">on “${esc(note.about)}”</span>` : ''
              return `<li><strong>${esc(note.stamp)}</strong>${about}<br />${text(note.text)}</li>`
            })
            .join('')}</ul>`
    parts.push(
      section(
        'Private interviewer notes',
        `<p class="muted">Interviewer only: not shared with the candidate.</p>${notes}`,
        'private',
      ),
    )
  }

  let feedback = '<p>No feedback was written.</p>'
  if (view.feedback) {
    const released = view.feedback.released ? 'released to the candidate' : 'not released to the candidate'
    feedback =
      `<p class="meta">Last changed ${esc(view.feedback.stamp)}, ${released}.</p><ul class="items">` +
      view.feedback.points
        .map((point) => {
          const anchors =
            point.anchors > 0
              ? ` <span class="muted">(about ${plural(point.anchors, 'component', 'components')} on the board)</span>`
              : ''
          return `<li><strong>${esc(point.label)}:</strong> ${text(point.text)}${anchors}</li>`
        })
        .join('') +
      '</ul>'
  }
  parts.push(section('Feedback', feedback))

  parts.push(
    section(
      'Questions and answers',
      view.messages.length === 0
        ? '<p>No questions were asked.</p>'
        : `<ul class="items">${view.messages
            .map((message) => {
              const mark = message.clarification
                ? '<span class="tag tag-clarification">Clarification of the brief</span>'
                : ''
              return `<li><strong>${esc(message.author)}</strong> <span class="muted">${esc(message.stamp)}</span>${mark}<br />${text(message.text)}</li>`
            })
            .join('')}</ul>`,
    ),
  )

  parts.push(
    section(
      'Requirement changes',
      view.requirements.length === 0
        ? '<p>No requirement changed during the session.</p>'
        : `<ul class="items">${view.requirements
            .map((change) => {
              const status = change.status
                ? ` <span class="muted">checklist: ${esc(change.status)}</span>`
                : ''
              return `<li><strong>${esc(change.stamp)}</strong> ${text(change.text)}${status}</li>`
            })
            .join('')}</ul>`,
    ),
  )

  parts.push(
    section(
      'Revisions',
      view.revisions.length === 0
        ? '<p>No revisions were taken.</p>'
        : view.revisions
            .map(
              (revision) =>
                // the SVG is a BoardSvg: made by boardSvg, every text in it escaped there
                `<article class="revision"><h3>${esc(revision.label)}</h3><p class="meta">${esc(revision.meta)}</p><figure>${revision.svg}</figure></article>`,
            )
            .join(''),
    ),
  )

  let diff = '<p>There was no revision phase diff.</p>'
  if (view.diff) {
    diff =
      `<p>From <strong>${esc(view.diff.from)}</strong> to <strong>${esc(view.diff.to)}</strong>.</p>` +
      view.diff.parts
        .map(
          (part) =>
            `<h3>${esc(part.label)} (${part.entries.length})</h3>` +
            (part.entries.length === 0
              ? '<p class="muted">Nothing.</p>'
              : `<ul>${part.entries
                  .map((entry) => {
                    const details = entry.details
                    const sub = details.length
                      ? `<ul>${details.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`
                      : ''
                    return `<li>${esc(entry.summary)}${sub}</li>`
                  })
                  .join('')}</ul>`),
        )
        .join('')
  }
  parts.push(section('Revision phase diff', diff))

  parts.push(`<footer>Made by Scaleboard on ${esc(view.generatedAt)}.</footer>`)

  return (
    '<!doctype html>\n' +
    `<html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />` +
    `<meta name="referrer" content="no-referrer" /><title>${esc(view.title)}</title><style>${CSS}</style></head>` +
    `<body><main>${parts.join('\n')}</main></body></html>\n`
  )
}
