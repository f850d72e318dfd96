/**
 * Test support for hostile probes: writes arbitrary bytes to a TCP port and collects every byte
 * that comes back until the peer closes or `waitMs` passes with the connection still open. Unlike
 * `raw-http.ts` it parses nothing and adds nothing, so malformed framing reaches the server as
 * written, and several answers on one connection (pipelining, smuggling) can be counted.
 */
import { connect } from 'node:net';

/** What came back over one raw connection. */
export interface RawReply {
  /** Everything received, as latin1 text. */
  readonly text: string;
  /** Status codes of every response head found in `text`, in order. */
  readonly statuses: readonly number[];
  /** `true` when the peer closed the connection within `waitMs`. */
  readonly closed: boolean;
}

/** Sends `bytes` to 127.0.0.1:`port` and reads until close or `waitMs` (default 1.5 s). */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 1500): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const statuses = responseStatuses(text);
      resolve({ text, statuses, closed });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is a close; a reset before anything arrived is one too.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.write(bytes);
  });
}

/**
 * Status codes of the responses in `text`, read in sequence: each head, then a body framed by its
 * Content-Length or chunked coding (a response framed by close takes the rest).
 */
function responseStatuses(text: string): number[] {
  const statuses: number[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = text.slice(at, end);
    const status = /^HTTP\/1\.[01] (\d{3})/.exec(head);
    if (status === null) break;
    statuses.push(Number(status[1]));
    at = end + 4;
    const code = Number(status[1]);
    if (code < 200 || code === 204 || code === 304) continue;
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (length !== null) {
      at += Number(length[1]);
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const last = text.indexOf('\r\n0\r\n\r\n', at - 2);
      at = last < 0 ? text.length : last + 7;
    } else {
      break;
    }
  }
  return statuses;
}
