/**
 * The access log, in Traefik's two formats: JSON lines with Traefik's field names
 * (`ClientHost`, `RequestMethod`, `RequestPath`, `DownstreamStatus`, `Duration` in nanoseconds,
 * `RouterName`, `ServiceName`, `ServiceURL`, `OriginStatus`, …), or Traefik's extension of the
 * Common Log Format:
 *
 *     <client> - <user> [<time>] "<method> <path> <protocol>" <status> <size> "<referer>" "<agent>" <count> "<router>" "<server URL>" <ms>ms
 *
 * Lines are only built when the access log is enabled; the proxy calls {@link AccessLog.log}
 * once per finished exchange.
 */

/** One finished exchange, as the access log sees it. */
export interface AccessLogEntry {
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly clientIp: string;
  readonly clientPort: number | undefined;
  readonly user: string | undefined;
  readonly method: string;
  /** Path and query as the client sent them. */
  readonly url: string;
  readonly protocol: string;
  readonly host: string;
  readonly scheme: string;
  readonly entryPoint: string;
  readonly router: string | undefined;
  readonly service: string | undefined;
  readonly serviceUrl: string | undefined;
  readonly status: number;
  readonly originStatus: number;
  readonly responseSize: number;
  readonly retries: number;
  readonly referer: string | undefined;
  readonly userAgent: string | undefined;
}

/** Where lines go (a pino destination, a file stream, `process.stdout`). */
export interface LineSink {
  write(line: string): unknown;
}

/** The access log of a Junction instance. */
export interface AccessLog {
  log(entry: AccessLogEntry): void;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `10/Oct/2000:13:55:36 +0000`: CLF's time, in local time with its offset. */
export function clfTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()}:${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

const quoted = (value: string | undefined): string =>
  value === undefined || value === '' ? '"-"' : JSON.stringify(value);

/** One line in Traefik's Common Log Format (with `\n`). */
export function formatCommon(e: AccessLogEntry, count: number): string {
  return `${e.clientIp} - ${e.user ?? '-'} [${clfTime(e.startedAt)}] "${e.method} ${e.url} ${e.protocol}" ${e.status} ${e.responseSize} ${quoted(e.referer)} ${quoted(e.userAgent)} ${count} ${quoted(e.router)} ${quoted(e.serviceUrl)} ${Math.round(e.durationMs)}ms\n`;
}

/** One JSON line with Traefik's field names (with `\n`). */
export function formatJson(e: AccessLogEntry, count: number): string {
  const query = e.url.indexOf('?');
  return `${JSON.stringify({
    ClientAddr: e.clientPort === undefined ? e.clientIp : `${e.clientIp}:${e.clientPort}`,
    ClientHost: e.clientIp,
    ClientPort: e.clientPort === undefined ? '' : String(e.clientPort),
    ClientUsername: e.user ?? '-',
    DownstreamContentSize: e.responseSize,
    DownstreamStatus: e.status,
    Duration: Math.round(e.durationMs * 1e6),
    OriginStatus: e.originStatus,
    RequestAddr: e.host,
    RequestCount: count,
    RequestHost: e.host.replace(/:\d+$/, ''),
    RequestMethod: e.method,
    RequestPath: query === -1 ? e.url : e.url.slice(0, query),
    RequestProtocol: e.protocol,
    RequestScheme: e.scheme,
    RetryAttempts: e.retries,
    ...(e.router === undefined ? {} : { RouterName: e.router }),
    ...(e.service === undefined ? {} : { ServiceName: e.service }),
    ...(e.serviceUrl === undefined ? {} : { ServiceURL: e.serviceUrl }),
    StartLocal: e.startedAt.toISOString(),
    StartUTC: e.startedAt.toISOString(),
    entryPointName: e.entryPoint,
    level: 'info',
    msg: '',
    time: new Date().toISOString(),
  })}\n`;
}

/** Creates an access log writing `format` lines to `sink`. */
export function createAccessLog(options: { readonly format: 'common' | 'json'; readonly sink: LineSink }): AccessLog {
  const format = options.format === 'json' ? formatJson : formatCommon;
  let count = 0;
  return {
    log(entry) {
      count += 1;
      options.sink.write(format(entry, count));
    },
  };
}
