/*
 * Times and durations as the report prints them. Always UTC and never the host's locale, so the
 * same session gives the same report on any server (and in tests).
 */

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** "2026-12-01 14:03 UTC" */
export function formatDateTime(at: number | string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return String(at)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`
}

/** "14:03:10" (UTC) */
export function formatTimeOfDay(at: number | string): string {
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return String(at)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}

/** "34:10", "1:05:00"; whole seconds, rounded down. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000)
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}

/** UTF-8 text as base64, for data: URIs; the same in Node and in browsers (no Buffer). */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  // in chunks: String.fromCharCode with a whole board's bytes as arguments overflows the stack
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}
