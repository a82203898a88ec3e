/*
 * Everything a candidate types (component names, notes, questions) ends up in the report, so every
 * piece of text goes through one of these before it meets markup.
 */

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text for XML, SVG or HTML: safe in element content and in quoted attribute values alike. */
export function escapeXml(text: string): string {
  // Control characters other than tab and newline are not allowed in XML 1.0 at all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are exactly what is removed
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  return clean.replace(/[&<>"']/g, (char) => XML_ENTITIES[char])
}

// Characters that can start or end inline Markdown syntax anywhere in a line: emphasis, code,
// links and images, raw HTML, entities, tables and strikethrough.
const MARKDOWN_INLINE = /[\\`*_[\]<>|~&]/g

/**
 * One line of candidate text as Markdown that reads as exactly that text: no heading, list, quote,
 * code block, emphasis, link, HTML or table cell break can come out of it.
 */
export function escapeMarkdownLine(line: string): string {
  let escaped = line.trim().replace(MARKDOWN_INLINE, (char) => `\\${char}`)
  // block syntax that only counts at the start of a line
  escaped = escaped.replace(/^([#>+=-])/, '\\$1')
  escaped = escaped.replace(/^(\d+)([.)])/, '$1\\$2')
  return escaped
}

/**
 * Candidate text of any length as Markdown inside a paragraph or list item: its own line breaks
 * stay (as hard breaks, indented to stay in the item) and every line is escaped.
 */
export function escapeMarkdown(text: string, indent = ''): string {
  // an empty line would end the paragraph (or the list item): the break stays, the blank goes
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdownLine)
    .filter((line) => line !== '')
    .join(`\\\n${indent}`)
}

/** Text for one cell of a Markdown table: on one line, pipes escaped. */
export function escapeMarkdownCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeMarkdownLine)
    .filter(Boolean)
    .join(' / ')
}
