/** Numbers as the findings' sentences show them: "1,240 rps", "83 ms", "$14,700". */

// one formatter each: toLocaleString builds a new one per call, too slow for a board of findings
const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

const number = (n: number) => (Math.abs(n) < 10 ? ONE_DECIMAL : WHOLE).format(n)

export function formatRps(rps: number): string {
  return `${number(rps)} rps`
}

export function formatMs(ms: number): string {
  return `${number(ms)} ms`
}

export function formatUsd(usd: number): string {
  return `$${WHOLE.format(usd)}`
}

/** 0.99993 → "99.993%" */
export function formatAvailability(a: number): string {
  return `${Number((a * 100).toFixed(3))}%`
}

export function formatUtilisation(u: number): string {
  return `${Math.round(u * 100)}%`
}
