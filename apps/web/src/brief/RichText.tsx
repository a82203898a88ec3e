import { Fragment, type ReactNode, useMemo } from 'react'
import { type Inline, parseRichText } from './richText.ts'

/** Scenario prose (paragraphs, lists, **bold**, `code`) as React elements; never as HTML. */
export function RichText({ source }: { source: string }) {
  const blocks = useMemo(() => parseRichText(source), [source])
  return (
    <div className="brief-text">
      {blocks.map((block) => {
        if (block.type === 'paragraph') return <p key={block.key}>{renderInline(block.content)}</p>
        const items = block.items.map((item) => <li key={item.key}>{renderInline(item.content)}</li>)
        return block.ordered ? <ol key={block.key}>{items}</ol> : <ul key={block.key}>{items}</ul>
      })}
    </div>
  )
}

function renderInline(content: Inline[]): ReactNode[] {
  return content.map((part): ReactNode => {
    if (part.type === 'text') return <Fragment key={part.key}>{part.text}</Fragment>
    if (part.type === 'code') return <code key={part.key}>{part.text}</code>
    return <strong key={part.key}>{renderInline(part.children)}</strong>
  })
}
