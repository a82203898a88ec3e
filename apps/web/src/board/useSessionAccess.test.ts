import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../api.ts'
import { linkProblemOf } from './useSessionAccess.ts'

const refused = (status: number, reason: string | null) =>
  new ApiRequestError(status, 'x', 'refused', [], reason)

describe('linkProblemOf', () => {
  it('turns the server’s reason into the page’s kind of bad link', () => {
    expect(linkProblemOf(refused(401, 'malformed'), false)).toBe('malformed')
    expect(linkProblemOf(refused(401, 'revoked'), false)).toBe('revoked')
    expect(linkProblemOf(refused(401, 'session_deleted'), false)).toBe('deleted')
    expect(linkProblemOf(refused(403, 'other_session'), false)).toBe('other-session')
    expect(linkProblemOf(refused(401, 'unknown'), false)).toBe('wrong')
    // An older server, or a reason this page does not know yet: still a plain "wrong link".
    expect(linkProblemOf(refused(401, null), false)).toBe('wrong')
    expect(linkProblemOf(refused(401, 'something-new'), false)).toBe('wrong')
  })

  it('in the organiser’s view, blames the organiser token unless the session is gone', () => {
    expect(linkProblemOf(refused(401, 'unknown'), true)).toBe('organiser')
    expect(linkProblemOf(refused(404, null), true)).toBe('deleted')
  })
})
