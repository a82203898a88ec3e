import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ApiException } from './errors.ts'

/**
 * 413 for a body over `maxBytes`: from `Content-Length` before a byte is read, or while a
 * chunked body streams in. The connection is then closed, so the rest is never read.
 */
export function bodySizeLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => {
      c.header('connection', 'close')
      throw new ApiException(413, 'payload_too_large', `The request body is larger than ${maxBytes} bytes.`)
    },
  })
}

/**
 * 400 for a JSON body nested deeper than `maxDepth` arrays and objects, found by one linear scan of
 * the text before `JSON.parse` sees it. The text is cached by Hono, so validators parse it
 * without reading the body again. Non-JSON bodies pass (the route's own validation answers 415).
 */
export function jsonDepthGuard(maxDepth: number): MiddlewareHandler {
  return async function jsonDepthGuardMiddleware(c, next) {
    const type = c.req.header('content-type') ?? ''
    if (c.req.raw.body && /^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      const depth = jsonNestingDepth(await c.req.text(), maxDepth)
      if (depth > maxDepth)
        throw new ApiException(
          400,
          'too_deeply_nested',
          `The JSON body is nested more than ${maxDepth} levels deep.`,
        )
    }
    await next()
  }
}

/**
 * The deepest nesting of `[` and `{` in a JSON text, outside strings; stops counting once past
 * `stopAbove`. Linear in the text; it does not check the JSON is valid (JSON.parse does).
 */
export function jsonNestingDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 0x5c /* \ */) i++
      else if (ch === 0x22 /* " */) inString = false
    } else if (ch === 0x22) inString = true
    else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > stopAbove) return deepest
      }
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--
  }
  return deepest
}
