import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSecret } from './secrets.ts'

/** The rule ADMIN_TOKEN must meet, as the start-up error states it. */
export const ADMIN_TOKEN_RULE =
  'ADMIN_TOKEN must be at least 32 characters of random text: at least 10 different characters, ' +
  'none making up more than a quarter of it, not one chunk repeated, no run of 8 consecutive ' +
  'characters such as "01234567" or "abcdefgh", and at least 96 bits by character frequency ' +
  '(e.g. the output of `openssl rand -base64 32`)'

/**
 * Whether `token` looks like real entropy rather than a word or a pattern: long enough, enough
 * different characters, no character dominating, no repeated chunk or counting run, and an
 * empirical Shannon estimate (length × per-character entropy of its own character frequencies) of
 * 96 bits or more. A 32-character hex secret (128 random bits) passes; `aaaa…`, `abab…`,
 * `changeme-changeme-…` or `0123456789abcdef0123456789abcdef` do not.
 */
export function isStrongAdminToken(token: string): boolean {
  const chars = [...token]
  if (chars.length < 32) return false
  const counts = new Map<string, number>()
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1)
  if (counts.size < 10) return false
  if (Math.max(...counts.values()) > chars.length / 4) return false
  if (isRepetition(chars) || longestCountingRun(chars) >= 8) return false
  let bitsPerChar = 0
  for (const count of counts.values()) {
    const p = count / chars.length
    bitsPerChar -= p * Math.log2(p)
  }
  return bitsPerChar * chars.length >= 96
}

/** Whether the token is one chunk written out more than once (`abcabcabc…`). */
function isRepetition(chars: readonly string[]): boolean {
  const text = chars.join('')
  return (text + text).indexOf(text, 1) < text.length
}

/** The longest run of characters whose code points go up or down by one (`01234`, `zyx`). */
function longestCountingRun(chars: readonly string[]): number {
  let longest = 1
  let run = 1
  let step = 0
  for (let i = 1; i < chars.length; i++) {
    const delta = (chars[i].codePointAt(0) ?? 0) - (chars[i - 1].codePointAt(0) ?? 0)
    if ((delta === 1 || delta === -1) && (run === 1 || delta === step)) run++
    else run = delta === 1 || delta === -1 ? 2 : 1
    step = delta
    longest = Math.max(longest, run)
  }
  return longest
}

/**
 * The organiser's token: ADMIN_TOKEN if set, else one generated on first start and kept in
 * DATA_DIR/admin-token (mode 0600), so `pnpm start` on a laptop is usable at once. The data
 * folder exists (storage opens it first, 0700).
 */
export function resolveAdminToken(
  dataDir: string,
  fromEnv: string | undefined,
): { token: string; generated: boolean } {
  if (fromEnv) return { token: fromEnv, generated: false }
  const stored = readStoredAdminToken(dataDir)
  if (stored) return { token: stored, generated: false }
  const token = generateSecret()
  writeFileSync(adminTokenFile(dataDir), `${token}\n`, { mode: 0o600 })
  return { token, generated: true }
}

export function adminTokenFile(dataDir: string): string {
  return join(dataDir, 'admin-token')
}

/** The generated token kept in DATA_DIR, made 0600 if an earlier version left it looser; null if none. */
export function readStoredAdminToken(dataDir: string): string | null {
  const file = adminTokenFile(dataDir)
  if (!existsSync(file)) return null
  chmodSync(file, 0o600)
  return readFileSync(file, 'utf8').trim() || null
}
