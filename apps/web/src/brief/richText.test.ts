import { describe, expect, it } from 'vitest'
import { type Block, type Inline, parseInline, parseRichText } from './richText.ts'

const text = (t: string) => ({ type: 'text', text: t })

describe('parseRichText', () => {
  it('joins wrapped lines into paragraphs split by blank lines', () => {
    expect(parseRichText('One line\n  wrapped here.\n\nSecond.')).toMatchObject([
      { type: 'paragraph', content: [text('One line wrapped here.')] },
      { type: 'paragraph', content: [text('Second.')] },
    ])
  })

  it('reads bullet lists, with indented continuation lines, after a paragraph', () => {
    const blocks = parseRichText(
      'Two things change:\n- Launch in **three** countries.\n- Re-scan the catalogue,\n  every month.\n\nAfter.',
    )
    expect(blocks).toMatchObject([
      { type: 'paragraph', content: [text('Two things change:')] },
      {
        type: 'list',
        ordered: false,
        items: [
          {
            content: [text('Launch in '), { type: 'strong', children: [text('three')] }, text(' countries.')],
          },
          { content: [text('Re-scan the catalogue, every month.')] },
        ],
      },
      { type: 'paragraph', content: [text('After.')] },
    ])
    expect(blocks).toHaveLength(3)
  })

  it('tells numbered lists from bullets', () => {
    expect(parseRichText('1. first\n2. second\n* other')).toMatchObject([
      { type: 'list', ordered: true, items: [{ content: [text('first')] }, { content: [text('second')] }] },
      { type: 'list', ordered: false, items: [{ content: [text('other')] }] },
    ])
  })

  it('finds bold that spans a wrapped line', () => {
    expect(parseRichText('within **50 ms\n  at p99**.')).toMatchObject([
      {
        type: 'paragraph',
        content: [text('within '), { type: 'strong', children: [text('50 ms at p99')] }, text('.')],
      },
    ])
  })

  it('gives every node a key unique in the text', () => {
    const keys: string[] = []
    const collect = (parts: Inline[]) => {
      for (const part of parts) {
        keys.push(part.key)
        if (part.type === 'strong') collect(part.children)
      }
    }
    const blocks: Block[] = parseRichText('A **b `c`** d\n\n- e **f**\n- g\n\nh')
    for (const block of blocks) {
      keys.push(block.key)
      if (block.type === 'paragraph') collect(block.content)
      else
        for (const item of block.items) {
          keys.push(item.key)
          collect(item.content)
        }
    }
    expect(keys.length).toBeGreaterThan(8)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('parseInline', () => {
  it('keeps markup-looking text as text', () => {
    expect(parseInline('<img src=x onerror=alert(1)> and ** alone')).toMatchObject([
      text('<img src=x onerror=alert(1)> and ** alone'),
    ])
  })

  it('reads code, and code inside bold', () => {
    expect(parseInline('a `generate()` loop, **`fp16` weights**')).toMatchObject([
      text('a '),
      { type: 'code', text: 'generate()' },
      text(' loop, '),
      { type: 'strong', children: [{ type: 'code', text: 'fp16' }, text(' weights')] },
    ])
  })
})
