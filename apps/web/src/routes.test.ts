import { describe, expect, it } from 'vitest'
import { parseRoute } from './routes.ts'

const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash })

describe('parseRoute', () => {
  it('sends / to the organiser home', () => {
    expect(parseRoute(at('/', '?admin=x'))).toEqual({ page: 'home' })
  })
  it('reads the session id and the token from the fragment of a board link', () => {
    expect(parseRoute(at('/s/abc_DEF-123', '', '#token=t0k'))).toEqual({
      page: 'board',
      sessionId: 'abc_DEF-123',
      token: 't0k',
    })
  })
  it('still reads a legacy ?token= link, the fragment winning over the query', () => {
    expect(parseRoute(at('/s/abc_DEF-123/', '?token=t0k&x=1'))).toEqual({
      page: 'board',
      sessionId: 'abc_DEF-123',
      token: 't0k',
    })
    expect(parseRoute(at('/s/abc12345', '?token=old', '#token=new'))).toMatchObject({ token: 'new' })
  })
  it('gives a board without a token when the link has none', () => {
    expect(parseRoute(at('/s/abc12345'))).toEqual({ page: 'board', sessionId: 'abc12345', token: null })
    expect(parseRoute(at('/s/abc12345', '', '#token='))).toMatchObject({ token: null })
  })
  it('opens the replay of a session at /s/:id/replay, with the link token like a board', () => {
    expect(parseRoute(at('/s/abc12345/replay', '', '#token=t0k'))).toEqual({
      page: 'replay',
      sessionId: 'abc12345',
      token: 't0k',
    })
    expect(parseRoute(at('/s/abc12345/replay/'))).toEqual({
      page: 'replay',
      sessionId: 'abc12345',
      token: null,
    })
    expect(parseRoute(at('/s/%E0%A4%A/replay'))).toEqual({ page: 'malformed-link' })
  })
  it('does not match other paths', () => {
    expect(parseRoute(at('/s/a/b'))).toEqual({ page: 'not-found' })
    expect(parseRoute(at('/s/a/replay/x'))).toEqual({ page: 'not-found' })
    expect(parseRoute(at('/admin'))).toEqual({ page: 'not-found' })
  })
  it('says a board link whose percent-encoding is broken is damaged, instead of throwing', () => {
    expect(parseRoute(at('/s/%E0%A4%A', '?token=x'))).toEqual({ page: 'malformed-link' })
  })
})
