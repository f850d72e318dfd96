/**
 * The answers the proxy itself gives (STYLE §14): one coded JSON body per failure, built once.
 * Bodies name the failure, never a backend address. Traefik answers these with plain text
 * (`404 page not found`, `Bad Gateway`); Junction keeps Traefik's status codes and sends
 * `{"error": "...", "code": "LB_..."}` so clients and tests can tell the cases apart.
 */

/** The proxy's own error codes, with their HTTP status. */
export const PROXY_ERRORS = {
  /** No router matched the request (Traefik: 404 page not found). */
  LB_NO_ROUTE: { status: 404, message: 'no router matches this request' },
  /** The router's service has no server able to take the request. */
  LB_NO_AVAILABLE_SERVER: { status: 503, message: 'no server available for this service' },
  /** No connection could be made to any server tried, or the upstream failed mid-exchange. */
  LB_BAD_GATEWAY: { status: 502, message: 'the upstream server could not be reached' },
  /** The upstream did not send response headers in time. */
  LB_GATEWAY_TIMEOUT: { status: 504, message: 'the upstream server did not answer in time' },
  /** The request path cannot be forwarded (malformed escape, dot segments). */
  LB_BAD_REQUEST: { status: 400, message: 'malformed request path' },
  /** More than one `Host` line, or a Host outside RFC 9110's grammar (Go: 400 "too many Host headers" / "malformed Host header"). */
  LB_BAD_HOST: { status: 400, message: 'repeated or malformed Host header' },
  /** A request line without an HTTP version (HTTP/0.9 form), which Go refuses. */
  LB_BAD_REQUEST_LINE: { status: 400, message: 'malformed request line' },
  /** A router matched a method token Node's HTTP parser refuses (`get`, `FOO`): it cannot be forwarded. */
  LB_METHOD_UNPARSED: {
    status: 501,
    message: "this method is valid but Node's HTTP parser cannot carry it to a backend",
  },
  /** A middleware failed unexpectedly. */
  LB_INTERNAL_ERROR: { status: 500, message: 'internal error' },
  /** Junction is shutting down. */
  LB_SHUTTING_DOWN: { status: 503, message: 'shutting down' },
} as const satisfies Record<string, { status: number; message: string }>;

/** A proxy error code. */
export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

/** A ready-to-send error answer. */
export interface ProxyErrorResponse {
  readonly code: ProxyErrorCode;
  readonly status: number;
  /** `{"error":…,"code":…}` as bytes. */
  readonly body: Buffer;
}

/** `Content-Type` of every error body. */
export const ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';

const RESPONSES = Object.fromEntries(
  Object.entries(PROXY_ERRORS).map(([code, { status, message }]) => [
    code,
    Object.freeze({ code, status, body: Buffer.from(JSON.stringify({ error: message, code })) }),
  ]),
) as unknown as Readonly<Record<ProxyErrorCode, ProxyErrorResponse>>;

/** The prebuilt answer for `code`. */
export function proxyError(code: ProxyErrorCode): ProxyErrorResponse {
  return RESPONSES[code];
}
