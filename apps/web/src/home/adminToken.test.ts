import { describe, expect, it } from 'vitest'
import { takeAdminTokenFromUrl, tokenFromPaste } from './adminToken.ts'

describe('tokenFromPaste', () => {
  it('accepts a bare token', () => {
    expect(tokenFromPaste('  s3cret-token-value \n')).toBe('s3cret-token-value')
  })
  it('takes the token out of a pasted organiser URL', () => {
    expect(tokenFromPaste('http://127.0.0.1:8787/?admin=abc%2Bdef&x=1')).toBe('abc+def')
    expect(tokenFromPaste('https://board.example.com/?x=1&admin=tok#top')).toBe('tok')
  })
})

describe('takeAdminTokenFromUrl', () => {
  function fakeLocation(href: string) {
    const replaced: string[] = []
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
    }
    return { location: { href } as Location, history: history as unknown as History, replaced }
  }

  it('reads the token from the fragment and leaves no trace of it in the address', () => {
    const { location, history, replaced } = fakeLocation('http://127.0.0.1:8787/#admin=frag-token')
    expect(takeAdminTokenFromUrl(location, history)).toBe('frag-token')
    expect(replaced).toEqual(['/'])
  })

  it('still reads links printed before, with the token in the query', () => {
    const { location, history, replaced } = fakeLocation('http://127.0.0.1:8787/?admin=old&x=1#top')
    expect(takeAdminTokenFromUrl(location, history)).toBe('old')
    expect(replaced).toEqual(['/?x=1#top'])
  })
})
