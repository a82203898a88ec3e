import { type DestinationStream, type Level, type Logger, pino } from 'pino'

export type { Logger } from 'pino'
export type LogLevel = Level | 'silent'

export interface LoggerOptions {
  level: LogLevel
  /** This instance's name (INSTANCE_ID): on every line, so lines of several instances can be told apart. */
  instanceId?: string
  /** Where the JSON lines go; stdout when absent. Tests pass a stream they read back. */
  destination?: DestinationStream
}

/**
 * Field names that hold secrets wherever they appear (one level deep, or in `req.headers`).
 * Nothing here logs them on purpose: this is the net under a careless `log.info({ headers })`.
 */
const SECRET_FIELDS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'ticket',
  'adminToken',
  'password',
  'secret',
  'databaseUrl',
  'redisUrl',
  'metricsToken',
]

const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`
  const member = key.startsWith('[') ? key : `.${key}`
  return [key, `*${member}`, `req.headers${member}`, `headers${member}`]
})

/** JSON lines: `{"level":"info","time":"…","instance":"…","msg":"…",…}`. */
export function createLogger({ level, instanceId, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: instanceId ? { instance: instanceId } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names rather than numbers: what people grep for.
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // Synchronous: main.ts exits right after the shutdown line, and no line may be lost then.
    destination ?? pino.destination({ dest: 1, sync: true }),
  )
}

/** A logger that writes nothing: what the app uses when it is given none (tests, old callers). */
export const silentLogger: Logger = pino({ level: 'silent' })

/** A logger for one part of the server (`room`, `sync`, `bus`, `storage`…): its lines say which. */
export function componentLogger(logger: Logger, component: string): Logger {
  return logger.child({ component })
}

/**
 * Failures the error counter knows: a small fixed set, so the metric's labels stay bounded
 * whatever text a caller passes.
 */
export const ERROR_CONTEXTS = [
  'log',
  'checkpoint',
  'bus',
  'room',
  'sync',
  'http',
  'database',
  'redis',
  'other',
] as const
export type ErrorContext = (typeof ERROR_CONTEXTS)[number]

/**
 * The fixed context of a free-text one, e.g. Room's `onError` texts ("could not append 3 updates
 * …" → log, "could not write a checkpoint" → checkpoint, "dropping an update from the bus" → bus).
 * A text that already is one of ERROR_CONTEXTS is kept.
 */
export function errorContextOf(context: string): ErrorContext {
  if ((ERROR_CONTEXTS as readonly string[]).includes(context)) return context as ErrorContext
  const text = context.toLowerCase()
  if (/checkpoint/.test(text)) return 'checkpoint'
  if (/append|update log|\blog\b/.test(text)) return 'log'
  if (/\bbus\b|publish|subscri|resync/.test(text)) return 'bus'
  if (/redis/.test(text)) return 'redis'
  if (/database|storage|postgres|sqlite/.test(text)) return 'database'
  if (/upgrade|socket|sync/.test(text)) return 'sync'
  if (/room|connection/.test(text)) return 'room'
  return 'other'
}

export interface ErrorReporterOptions {
  logger: Logger
  /** Named on every line (`room`, `sync`, `bus`…). */
  component: string
  /** Counts each report in `scaleboard_errors_total` (metrics.ts `Metrics.error`). */
  count?: (context: string) => void
  /**
   * Errors that are routine (a client's malformed frame, a refused connection): logged at warn,
   * without a stack, and not counted as the server's failures.
   */
  isRoutine?: (error: unknown) => boolean
}

/**
 * An `onError(error, context)` callback (RoomRegistry/Room options, the Redis bus, the upgrade
 * handler) that logs through pino and counts the failure. The context text goes in the line as
 * is; only its fixed category (errorContextOf) becomes a metric label.
 */
export function errorReporter({
  logger,
  component,
  count,
  isRoutine = () => false,
}: ErrorReporterOptions): (error: unknown, context: string) => void {
  const log = componentLogger(logger, component)
  return (error, context) => {
    try {
      if (isRoutine(error)) {
        log.warn({ context, reason: error instanceof Error ? error.message : String(error) }, context)
        return
      }
      log.error({ context, err: error }, context)
      count?.(errorContextOf(context))
    } catch {
      // A broken log stream must not take a room down with it.
    }
  }
}

/**
 * The path of a URL as it may be logged: no query string (`?token=`, `?ticket=`), no fragment
 * (`#token=`, `#admin=`), and any segment long enough to be a secret (tokens are 43 characters;
 * session ids 22) replaced, in case someone pastes a token into a path.
 */
export function loggablePath(url: string): string {
  const path = url.replace(/[?#].*$/s, '')
  return path
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_%~.-]{32,}$/.test(segment) ? ':redacted' : segment))
    .join('/')
    .slice(0, 512)
}
