import { describe, expect, it } from 'vitest'
import {
  claimLinkToken,
  isOrganiserView,
  isWellFormedLinkToken,
  organiserBoardPath,
  type TokenHome,
} from './linkToken.ts'
import { parseRoute } from './routes.ts'

/** A tab: an address bar whose replaceState really changes it, and a sessionStorage. */
function tab(address: string, { storageWorks = true } = {}) {
  const url = new URL(address, 'https://board.example.test')
  const items = new Map<string, string>()
  const home: TokenHome & { address: () => string; items: Map<string, string> } = {
    location: { pathname: url.pathname, search: url.search, hash: url.hash },
    history: {
      state: { kept: true },
      replaceState(_state: unknown, _unused: string, next?: string | URL | null) {
        const moved = new URL(String(next), url)
        home.location = { pathname: moved.pathname, search: moved.search, hash: moved.hash }
      },
    },
    sessionStorage: {
      getItem: (key) => {
        if (!storageWorks) throw new Error('SecurityError')
        return items.get(key) ?? null
      },
      setItem: (key, value) => {
        if (!storageWorks) throw new Error('SecurityError')
        items.set(key, value)
      },
    },
    address: () => `${home.location.pathname}${home.location.search}${home.location.hash}`,
    items,
  }
  return home
}

const open = (home: ReturnType<typeof tab>) => claimLinkToken(parseRoute(home.location), home)

describe('claimLinkToken', () => {
  it('moves a fragment token into sessionStorage and out of the address bar', () => {
    const home = tab('/s/sess1234#token=secret-1')
    expect(open(home)).toEqual({ page: 'board', sessionId: 'sess1234', token: 'secret-1' })
    expect(home.address()).toBe('/s/sess1234')
    expect([...home.items.values()]).toEqual(['secret-1'])
  })

  it('does the same for the replay, keeping the revision to open, and shares the board’s stored token', () => {
    const home = tab('/s/sess1234/replay#token=secret-1&rev=rev-abc')
    expect(open(home)).toEqual({ page: 'replay', sessionId: 'sess1234', token: 'secret-1' })
    expect(home.address()).toBe('/s/sess1234/replay#rev=rev-abc')
    home.location = { pathname: '/s/sess1234', search: '', hash: '' }
    expect(open(home)).toEqual({ page: 'board', sessionId: 'sess1234', token: 'secret-1' })
  })

  it('moves a legacy query token too, keeping the rest of the address', () => {
    const home = tab('/s/sess1234?token=secret-2&view=1#here')
    expect(open(home)).toMatchObject({ token: 'secret-2' })
    expect(home.address()).toBe('/s/sess1234?view=1#here')
  })

  it('opens the board again after a reload of the bare address, from sessionStorage', () => {
    const home = tab('/s/sess1234#token=secret-1')
    open(home)
    expect(open(home)).toMatchObject({ token: 'secret-1' })
    // Another session's address finds nothing.
    home.location = { pathname: '/s/other999', search: '', hash: '' }
    expect(open(home)).toMatchObject({ token: null })
  })

  it('lets a newer link for the same session replace the stored token', () => {
    const home = tab('/s/sess1234#token=old')
    open(home)
    home.location = { pathname: '/s/sess1234', search: '', hash: '#token=new' }
    expect(open(home)).toMatchObject({ token: 'new' })
    home.location = { pathname: '/s/sess1234', search: '', hash: '' }
    expect(open(home)).toMatchObject({ token: 'new' })
  })

  it('leaves the token in the address bar when the tab cannot store it', () => {
    const home = tab('/s/sess1234#token=secret-3', { storageWorks: false })
    expect(open(home)).toMatchObject({ token: 'secret-3' })
    expect(home.address()).toBe('/s/sess1234#token=secret-3')
  })

  it('leaves other pages alone', () => {
    const home = tab('/?token=x')
    expect(open(home)).toEqual({ page: 'home' })
    expect(home.address()).toBe('/?token=x')
  })
})

describe('the organiser’s view of a board', () => {
  const withAdmin = (address: string, admin: string | null) =>
    Object.assign(tab(address), { localStorage: { getItem: () => admin } })

  it('opens /s/<id>#as=organiser with the saved organiser token, stored nowhere else', () => {
    const home = withAdmin(organiserBoardPath('sess1234'), 'organiser-secret')
    expect(open(home)).toEqual({ page: 'board', sessionId: 'sess1234', token: 'organiser-secret' })
    expect(home.address()).toBe('/s/sess1234#as=organiser')
    expect(home.items.size).toBe(0)
    expect(isOrganiserView(home.location)).toBe(true)
  })

  it('has no token without a saved organiser token; a role link in the address wins', () => {
    expect(open(withAdmin('/s/sess1234#as=organiser', null))).toMatchObject({ token: null })
    expect(open(withAdmin('/s/sess1234#token=role-1&as=organiser', 'admin'))).toMatchObject({
      token: 'role-1',
    })
  })
})

describe('isWellFormedLinkToken', () => {
  it('accepts the 43 base64url characters the server issues, and nothing else', () => {
    const token = `${'Ab0_-'.repeat(8)}xyz`
    expect(token).toHaveLength(43)
    expect(isWellFormedLinkToken(token)).toBe(true)
    for (const damaged of [
      token.slice(0, 40),
      `${token}a`,
      `${token.slice(0, 42)}.`,
      `${token.slice(0, 42)}%`,
      '',
    ])
      expect(isWellFormedLinkToken(damaged), damaged).toBe(false)
  })
})
