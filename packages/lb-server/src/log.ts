/**
 * Junction's logger: pino, configured from Traefik's `log.*` options. Traefik levels (TRACE…PANIC)
 * map onto pino's; PANIC, which pino lacks, maps to `fatal`. JSON lines by default (string level,
 * ISO time); human-readable output only when `log.format=common` is asked for explicitly, through
 * pino-pretty when it is installed (it is a dev dependency) and JSON otherwise.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import type { TraefikLogLevel } from './options/types';

export type { Logger } from 'pino';

/** Options of {@link createLogger}; the names are those of `StaticOptions.log`. */
export interface LoggerSettings {
  readonly level: TraefikLogLevel;
  readonly format: 'json' | 'common';
  /** Append to this file instead of stdout. */
  readonly filePath?: string | undefined;
  readonly noColor?: boolean;
  /** Write here instead (tests, embedding); wins over `filePath`. */
  readonly destination?: DestinationStream;
}

const LEVELS: Readonly<Record<TraefikLogLevel, Level>> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
  FATAL: 'fatal',
  PANIC: 'fatal',
};

/** The pino level for a Traefik level. */
export function toPinoLevel(level: TraefikLogLevel): Level {
  return LEVELS[level];
}

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

function loadPretty(): PrettyFactory | undefined {
  try {
    const loaded = createRequire(import.meta.url)('pino-pretty') as PrettyFactory | { default: PrettyFactory };
    return typeof loaded === 'function' ? loaded : loaded.default;
  } catch {
    return undefined;
  }
}

/** Creates the process logger (see module comment). */
export function createLogger(settings: LoggerSettings): Logger {
  const options = {
    level: toPinoLevel(settings.level),
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const pretty = settings.format === 'common' ? loadPretty() : undefined;
  if (pretty !== undefined) {
    const stream = pretty({
      destination: settings.destination ?? settings.filePath ?? 1,
      colorize: settings.noColor !== true && settings.destination === undefined && settings.filePath === undefined,
      translateTime: 'SYS:standard',
      sync: true,
    });
    return pino(options, stream);
  }
  const destination =
    settings.destination ??
    pino.destination({
      dest: settings.filePath ?? 1,
      sync: settings.filePath === undefined,
      mkdir: settings.filePath !== undefined,
    });
  const logger = pino(options, destination);
  if (settings.format === 'common')
    logger.warn('log.format=common needs pino-pretty, which is not installed; logging JSON');
  return logger;
}
