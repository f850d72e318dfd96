/**
 * Test support: one HTTP/1.1 exchange over a raw TCP socket, for headers ordinary clients refuse
 * to send (`Connection`, `Keep-Alive`, `Upgrade`…). The request must carry `Connection: close`
 * (added when `head` has no Connection header) so the server closes after answering; the socket
 * is not half-closed first, since Node's HTTP server drops a request whose client half-closes.
 * Returns the status, lower-cased headers and body.
 */
import { connect } from 'node:net';

/** A parsed raw answer. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string[]>;
  readonly body: string;
}

/** Sends `head` (request line and headers, without the final blank line) and reads until close. */
export function rawRequest(port: number, head: string, body = ''): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string[]> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        (headers[name] ??= []).push(line.slice(colon + 1).trim());
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    const connection = /\r\nconnection:/i.test(head) ? '' : '\r\nConnection: close';
    socket.write(`${head}${connection}\r\n\r\n${body}`);
  });
}
