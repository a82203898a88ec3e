/** Numbers as the analysis panel and badges show them: "83 %", "142 ms", "$12,300", "99.95 %". */

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })

export function formatNumber(n: number): string {
  return (Math.abs(n) < 10 ? ONE_DECIMAL : WHOLE).format(n)
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`
}

export function formatMs(ms: number): string {
  return `${formatNumber(ms)} ms`
}

export function formatRps(rps: number): string {
  return `${formatNumber(rps)} rps`
}

export function formatUsd(usd: number): string {
  return `$${WHOLE.format(usd)}`
}

/**
 * An availability with the nines it has, cut (never rounded) at four decimals of a percent:
 * 0.99993 → "99.993 %", 0.99999998 → "99.9999 %". Rounding would show a whiteboard's 99.99999 as a
 * perfect 100 %.
 */
export function formatAvailability(a: number): string {
  if (a >= 1) return '100 %'
  // the small epsilon keeps 0.999 × 100 = 99.89999… from being cut to 99.8999
  return `${Math.floor(a * 1e6 + 1e-6) / 1e4} %`
}
