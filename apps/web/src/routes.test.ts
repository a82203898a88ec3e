import { describe, expect, it } from 'vitest'
import { parseRoute } from './routes.ts'

describe('parseRoute', () => {
  it('sends / to the organiser home', () => {
    expect(parseRoute({ pathname: '/', search: '?admin=x' })).toEqual({ page: 'home' })
  })
  it('reads the session id and token of a board link', () => {
    expect(parseRoute({ pathname: '/s/abc_DEF-123/', search: '?token=t0k&x=1' })).toEqual({
      page: 'board',
      sessionId: 'abc_DEF-123',
      token: 't0k',
    })
    expect(parseRoute({ pathname: '/s/abc12345', search: '' })).toEqual({
      page: 'board',
      sessionId: 'abc12345',
      token: null,
    })
  })
  it('does not match other paths', () => {
    expect(parseRoute({ pathname: '/s/a/b', search: '' })).toEqual({ page: 'not-found' })
    expect(parseRoute({ pathname: '/admin', search: '' })).toEqual({ page: 'not-found' })
  })
})
