/**
 * The `protocol` label of Traefik's request metrics (`getRequestProtocol` in
 * `pkg/middlewares/metrics/metrics.go`): `websocket`, `sse`, `grpc-web`, `grpc` or `http`.
 */

/** The request headers the protocol is read from (lower-case names, as Node gives them). */
export interface ProtocolHeaders {
  readonly connection?: string | string[] | undefined;
  readonly upgrade?: string | string[] | undefined;
  readonly accept?: string | string[] | undefined;
  readonly 'content-type'?: string | string[] | undefined;
}

/** The value of the `protocol` label. */
export type RequestProtocol = 'websocket' | 'sse' | 'grpc-web' | 'grpc' | 'http';

function text(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();
}

/**
 * Classifies a request as Traefik does, in Traefik's order: a WebSocket upgrade, then
 * server-sent events (`Accept: text/event-stream`), then gRPC-Web, then gRPC, else `http`.
 */
export function requestProtocol(headers: ProtocolHeaders): RequestProtocol {
  const connection = text(headers.connection)
    .split(',')
    .map((token) => token.trim());
  if (connection.includes('upgrade') && text(headers.upgrade).trim() === 'websocket') return 'websocket';
  if (text(headers.accept).includes('text/event-stream')) return 'sse';
  const contentType = text(headers['content-type']);
  if (contentType.startsWith('application/grpc-web')) return 'grpc-web';
  if (contentType.startsWith('application/grpc')) return 'grpc';
  return 'http';
}
