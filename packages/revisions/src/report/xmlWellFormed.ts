/*
 * A small well-formedness check for the SVG and XHTML-style HTML the report writes, for tests
 * (Node has no DOMParser). It walks the markup character by character: every tag closes in order,
 * attribute values are quoted, and text and values hold no raw '<' and no '&' that is not an entity.
 */

const ENTITY = /^&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#x[0-9a-fA-F]+);/
const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*$/
// HTML elements that never close; the report writes them as <meta … /> anyway
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input'])

function checkText(text: string, where: number): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<') throw new Error(`raw '<' at ${where + i}`)
    if (text[i] === '&' && !ENTITY.test(text.slice(i, i + 12))) throw new Error(`bare '&' at ${where + i}`)
  }
}

function checkAttributes(source: string, where: number): void {
  let i = 0
  while (i < source.length) {
    while (i < source.length && /\s/.test(source[i])) i++
    if (i >= source.length) return
    const eq = source.indexOf('=', i)
    if (eq < 0) throw new Error(`attribute without a value at ${where + i}`)
    const name = source.slice(i, eq).trim()
    if (!NAME.test(name)) throw new Error(`bad attribute name "${name}" at ${where + i}`)
    const quote = source[eq + 1]
    if (quote !== '"' && quote !== "'") throw new Error(`unquoted attribute ${name} at ${where + eq}`)
    const close = source.indexOf(quote, eq + 2)
    if (close < 0) throw new Error(`unterminated attribute ${name} at ${where + eq}`)
    checkText(source.slice(eq + 2, close), where + eq + 2)
    i = close + 1
    if (i < source.length && !/\s/.test(source[i]))
      throw new Error(`no space after attribute ${name} at ${where + i}`)
  }
}

/** Throws with the position of the first problem; returns the number of elements. */
export function assertWellFormed(markup: string): number {
  const stack: string[] = []
  let elements = 0
  let i = 0
  while (i < markup.length) {
    const open = markup.indexOf('<', i)
    const textEnd = open < 0 ? markup.length : open
    checkText(markup.slice(i, textEnd), i)
    if (open < 0) break
    if (markup.startsWith('<!--', open)) {
      const end = markup.indexOf('-->', open)
      if (end < 0) throw new Error(`unterminated comment at ${open}`)
      i = end + 3
      continue
    }
    if (markup.startsWith('<!', open)) {
      const end = markup.indexOf('>', open)
      if (end < 0 || stack.length > 0 || elements > 0) throw new Error(`misplaced declaration at ${open}`)
      i = end + 1
      continue
    }
    // find the tag's end, skipping '>' inside quoted values
    let j = open + 1
    let quote: string | null = null
    while (j < markup.length && (quote !== null || markup[j] !== '>')) {
      if (quote === null && (markup[j] === '"' || markup[j] === "'")) quote = markup[j]
      else if (quote !== null && markup[j] === quote) quote = null
      j++
    }
    if (j >= markup.length) throw new Error(`unterminated tag at ${open}`)
    const inner = markup.slice(open + 1, j)
    if (inner.startsWith('/')) {
      const name = inner.slice(1).trim()
      const expected = stack.pop()
      if (name !== expected) throw new Error(`</${name}> closes <${expected ?? 'nothing'}> at ${open}`)
    } else {
      const selfClosing = inner.endsWith('/')
      const body = selfClosing ? inner.slice(0, -1) : inner
      const nameEnd = body.search(/\s|$/)
      const name = body.slice(0, nameEnd)
      if (!NAME.test(name)) throw new Error(`bad tag name "${name}" at ${open}`)
      if (stack.length === 0 && elements > 0) throw new Error(`second root element <${name}> at ${open}`)
      checkAttributes(body.slice(nameEnd), open + 1 + nameEnd)
      elements++
      if (!selfClosing && !VOID.has(name)) {
        stack.push(name)
        // style and script content is not markup: skip to its end tag
        if (name === 'style' || name === 'script') {
          const end = markup.indexOf(`</${name}>`, j)
          if (end < 0) throw new Error(`unterminated <${name}> at ${open}`)
          j = end - 1
        }
      }
    }
    i = j + 1
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('> <')}>`)
  if (elements === 0) throw new Error('no element')
  return elements
}
