import { describe, expect, it } from 'vitest'
import { tokenFromPaste } from './adminToken.ts'

describe('tokenFromPaste', () => {
  it('accepts a bare token', () => {
    expect(tokenFromPaste('  s3cret-token-value \n')).toBe('s3cret-token-value')
  })
  it('takes the token out of a pasted organiser URL', () => {
    expect(tokenFromPaste('http://127.0.0.1:8787/?admin=abc%2Bdef&x=1')).toBe('abc+def')
    expect(tokenFromPaste('https://board.example.com/?x=1&admin=tok#top')).toBe('tok')
  })
})
