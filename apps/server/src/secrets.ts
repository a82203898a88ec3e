import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 random bits, URL-safe. Used for role links and the organiser token. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** Session ids are public (they name rooms) but still unguessable: 128 random bits. */
export function generateSessionId(): string {
  return randomBytes(16).toString('base64url')
}

/** Tokens are stored and looked up only as SHA-256 hashes; a stolen database opens no session. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex')
}

export function secretsEqual(given: string, expectedHash: string): boolean {
  const a = Buffer.from(hashSecret(given), 'hex')
  const b = Buffer.from(expectedHash, 'hex')
  return a.length === b.length && timingSafeEqual(a, b)
}
