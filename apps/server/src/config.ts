import { resolve } from 'node:path'
import { z } from 'zod'
import { ADMIN_TOKEN_RULE, isStrongAdminToken } from './adminToken.ts'

const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist')

/** Every setting comes from the environment and is checked once, at start-up. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().refine(isStrongAdminToken, ADMIN_TOKEN_RULE).optional(),
  PUBLIC_URL: z
    .url()
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /**
   * Host names (`host` or `host:port`, comma-separated) whose requests may build links from their
   * own `Host` header when PUBLIC_URL is unset; any other Host gets the listening address.
   */
  ALLOWED_HOSTS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .default([]),
  /** Behind a reverse proxy: take the client address from the last `X-Forwarded-For` entry. */
  TRUST_PROXY: z.stringbool().default(false),
  /** Largest request body, checked before any of it is read (413). */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Deepest nesting of arrays and objects a JSON body may have (400). */
  MAX_JSON_DEPTH: z.coerce.number().int().min(2).max(1000).default(32),
  /** /api requests per minute from one client address, with a burst of a minute's worth (429). */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(600),
  /** /api requests per minute with one bearer token, with a burst of a minute's worth (429). */
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(300),
  /** Missing or unknown tokens (401) per minute from one client address before it gets 429. */
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(20),
  /** Delete sessions, with their boards and logs, this many days after they were created. */
  RETENTION_DAYS: z.coerce.number().positive().optional(),
  TLDRAW_LICENSE_KEY: z.string().min(1).optional(),
  /** Largest WebSocket frame accepted; a bigger one closes that connection with 1009. */
  MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  /** Sockets one candidate or interviewer link may hold open in its session at once. */
  MAX_CONNECTIONS_PER_LINK: z.coerce.number().int().min(1).default(8),
  /** Sockets the observer link may hold open in its session at once. */
  MAX_OBSERVERS_PER_ROOM: z.coerce.number().int().min(1).default(30),
  /** Size limits of one board: its encoded document, its record count, one record's JSON. */
  MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(64 * 1024 * 1024),
  MAX_RECORDS: z.coerce.number().int().min(10).default(10_000),
  MAX_RECORD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  /** One client's presence (awareness) state, as JSON. */
  MAX_AWARENESS_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  /** Sustained rates; each allows a burst of 16 seconds' worth (10 s for messages) after a quiet spell. */
  CONNECTION_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  CONNECTION_MESSAGES_PER_SECOND: z.coerce.number().int().min(10).default(200),
  ROOM_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  /** Bytes queued for one slow reader before its connection is closed (4508). */
  MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(8 * 1024 * 1024),
  WEB_DIST_DIR: z.string().default(DEFAULT_WEB_DIST),
  SCENARIOS_DIR: z.string().optional(),
})

export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = ConfigSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  return { ...result.data, DATA_DIR: resolve(result.data.DATA_DIR) }
}
