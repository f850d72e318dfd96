/**
 * Writing an HTTP/1.1 response straight to a socket, for WebSocket upgrades (the HTTP server
 * hands those over as a bare socket): the proxy's coded errors, middleware answers, and an
 * upstream's refusal to upgrade, relayed as is.
 */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from '../node-http';
import type { Duplex } from 'node:stream';

/** Serialises a status line and headers (`\r\n`-terminated, blank line included). */
export function headBlock(
  status: number,
  headers: Readonly<Record<string, string | readonly string[] | number | undefined>>,
  reason = STATUS_CODES[status] ?? '',
): string {
  let out = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) out += `${name}: ${String(v)}\r\n`;
    else out += `${name}: ${String(value)}\r\n`;
  }
  return `${out}\r\n`;
}

/** Answers on `socket` with a complete response and closes the connection. */
export function writeRawResponse(
  socket: Duplex,
  status: number,
  headers: Readonly<Record<string, string>>,
  body: string | Buffer,
): void {
  if (socket.destroyed) return;
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const head = headBlock(status, { ...headers, 'content-length': String(bytes.length), connection: 'close' });
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), bytes]));
}

/** Relays an upstream's non-101 answer to an upgrade request, body included, then closes. */
export function relayResponse(
  socket: Duplex,
  res: IncomingMessage,
  extraHeaders: readonly [string, string][] = [],
): void {
  let head = `HTTP/1.1 ${res.statusCode ?? 502} ${res.statusMessage ?? ''}\r\n`;
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name === 'connection' || name === 'transfer-encoding' || name === 'keep-alive') continue;
    head += `${raw[i] as string}: ${raw[i + 1] as string}\r\n`;
  }
  for (const [name, value] of extraHeaders) head += `${name}: ${value}\r\n`;
  head += 'connection: close\r\n\r\n';
  socket.write(head, 'latin1');
  res.pipe(socket);
  res.on('error', () => socket.destroy());
}
