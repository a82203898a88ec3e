import { describe, expect, it } from 'vitest'
import { erlangC, mmcWait } from './erlangC.ts'

/** Erlang C straight from its textbook form, summing a^k/k! — an independent check of the recursion. */
function erlangCBySum(c: number, a: number): number {
  let term = 1
  let sum = 0
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k
    sum += term
  }
  const top = ((term * a) / c) * (c / (c - a))
  return top / (sum + top)
}

describe('Erlang C', () => {
  it('matches published worked examples', () => {
    // callcentrehelper.com, "Erlang C Formula – Made Simple": 100 calls in 30 min, 180 s handling
    // (A = 10 erlangs), 11 agents: probability of waiting 68.21 %
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4)
    // the classic call-centre example (360 calls per half hour, 240 s, 55 agents: A = 48 erlangs):
    // computed here 0.2387; published pages round it to "about 24 %"
    expect(erlangC(55, 48)).toBeCloseTo(0.2387, 4)
  })

  it('matches the closed forms for one and two servers', () => {
    for (const rho of [0.1, 0.5, 0.9]) {
      expect(erlangC(1, rho)).toBeCloseTo(rho, 12) // M/M/1: P(wait) = ρ
      expect(erlangC(2, 2 * rho)).toBeCloseTo((2 * rho ** 2) / (1 + rho), 12) // M/M/2
    }
    expect(erlangC(4, 2)).toBeCloseTo(4 / 23, 12) // docs/analysis.md's worked example
  })

  it('agrees with the textbook sum across a grid', () => {
    for (const c of [1, 2, 3, 5, 8, 20, 50, 120])
      for (const rho of [0.05, 0.3, 0.7, 0.95, 0.999])
        expect(erlangC(c, c * rho)).toBeCloseTo(erlangCBySum(c, c * rho), 10)
  })

  it('stays finite for many replicas, where a^c / c! overflows', () => {
    const c = erlangC(2000, 1900)
    expect(Number.isFinite(c)).toBe(true)
    expect(c).toBeGreaterThan(0)
    expect(c).toBeLessThan(1)
  })

  it('is 0 with no load and 1 at or above saturation, and refuses nonsense', () => {
    expect(erlangC(3, 0)).toBe(0)
    expect(erlangC(3, 3)).toBe(1)
    expect(erlangC(3, 7)).toBe(1)
    expect(() => erlangC(0, 1)).toThrow(RangeError)
    expect(() => erlangC(2.5, 1)).toThrow(RangeError)
    expect(() => erlangC(2, Number.NaN)).toThrow(RangeError)
  })
})

describe('M/M/c wait', () => {
  it('gives the M/M/1 mean wait ρ / (μ − λ) and its 99th percentile', () => {
    // λ = 8, μ = 10: ρ = 0.8, mean wait 0.8 / 2 = 0.4 s; P(W > t) = 0.8 e^(−2t) → t99 = ln(80) / 2
    const wait = mmcWait(8, 1, 10)
    expect(wait?.meanSeconds).toBeCloseTo(0.4, 12)
    expect(wait?.p99Seconds).toBeCloseTo(Math.log(80) / 2, 12)
  })

  it('has no 99th-percentile wait when fewer than 1 % of requests wait', () => {
    const wait = mmcWait(100, 4, 1000) // ρ = 0.025
    expect(wait?.probabilityOfWaiting).toBeLessThan(0.01)
    expect(wait?.p99Seconds).toBe(0)
  })

  it('has no steady state at or above saturation', () => {
    expect(mmcWait(20, 2, 10)).toBeUndefined()
    expect(mmcWait(25, 2, 10)).toBeUndefined()
    expect(mmcWait(1, 2, 0)).toBeUndefined()
  })
})
