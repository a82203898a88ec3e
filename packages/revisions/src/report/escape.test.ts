import { describe, expect, it } from 'vitest'
import { escapeMarkdown, escapeMarkdownCell, escapeMarkdownLine, escapeXml } from './escape.ts'

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x" title='y'>R&D</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D&lt;/a&gt;',
    )
    expect(escapeXml('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne')
    expect(escapeXml('&amp;')).toBe('&amp;amp;')
  })
})

describe('escapeMarkdownLine', () => {
  it('turns block syntax at the start of a line into text', () => {
    expect(escapeMarkdownLine('# title')).toBe('\\# title')
    expect(escapeMarkdownLine('> quote')).toBe('\\> quote')
    expect(escapeMarkdownLine('- item')).toBe('\\- item')
    expect(escapeMarkdownLine('+ item')).toBe('\\+ item')
    expect(escapeMarkdownLine('---')).toBe('\\---')
    expect(escapeMarkdownLine('===')).toBe('\\===')
    expect(escapeMarkdownLine('12. step')).toBe('12\\. step')
    expect(escapeMarkdownLine('3) step')).toBe('3\\) step')
    expect(escapeMarkdownLine('        indented code')).toBe('indented code')
  })

  it('escapes inline syntax anywhere', () => {
    expect(escapeMarkdownLine('*a* _b_ `c` [d](e) <f> g|h ~~i~~ &amp; \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> g\\|h \\~\\~i\\~\\~ \\&amp; \\\\',
    )
    expect(escapeMarkdownLine('p99 - 80 ms, 2.5 replicas')).toBe('p99 - 80 ms, 2.5 replicas')
  })
})

describe('escapeMarkdown', () => {
  it('keeps line breaks as hard breaks inside the block and drops blank lines', () => {
    expect(escapeMarkdown('one\n\n- two\r\n# three', '  ')).toBe('one\\\n  \\- two\\\n  \\# three')
  })
})

describe('escapeMarkdownCell', () => {
  it('puts the text on one line with pipes escaped', () => {
    expect(escapeMarkdownCell('a | b\nc')).toBe('a \\| b / c')
  })
})
