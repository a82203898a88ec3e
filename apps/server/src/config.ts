import { resolve } from 'node:path'
import { z } from 'zod'
import { ADMIN_TOKEN_RULE, isStrongAdminToken } from './adminToken.ts'

const DEFAULT_WEB_DIST = resolve(import.meta.dirname, '../../web/dist')

/** Every setting comes from the environment and is checked once, at start-up. */
export const ConfigSchema = z
  .object({
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
    /**
     * PostgreSQL instead of the embedded SQLite file (`postgres://user:password@host:5432/db`):
     * several instances then share one database. Unset: SQLite in DATA_DIR.
     */
    DATABASE_URL: z
      .url()
      .refine((url) => /^postgres(ql)?:\/\//.test(url), 'must start with postgres:// or postgresql://')
      .optional(),
    /**
     * Redis for the traffic between instances (`redis://host:6379`): edits, presence and session
     * events reach clients on other instances, and WebSocket tickets work on any instance.
     */
    REDIS_URL: z
      .url()
      .refine((url) => /^rediss?:\/\//.test(url), 'must start with redis:// or rediss://')
      .optional(),
    /** This instance's name in logs, metrics and the bus; a random one when unset. */
    INSTANCE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, ".", "_" and "-", at most 64')
      .optional(),
    /** Bearer token that /metrics requires (at least 16 characters). */
    METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
    /** Serve /metrics on this port (on HOST) instead of the main one, without a token. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** pino level of the JSON logs. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SCENARIOS_DIR: z.string().optional(),
  })
  .superRefine((config, context) => {
    // Each instance would otherwise make its own organiser token in its own DATA_DIR.
    if (config.REDIS_URL && !config.ADMIN_TOKEN)
      context.addIssue({
        code: 'custom',
        path: ['ADMIN_TOKEN'],
        message: 'is required with REDIS_URL: set the same ADMIN_TOKEN on every instance',
      })
    if (config.REDIS_URL && !config.DATABASE_URL)
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'is required with REDIS_URL: instances share one PostgreSQL database',
      })
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
