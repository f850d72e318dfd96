/**
 * Test support for timeout and slow-client tests: a raw TCP connection to 127.0.0.1 that records
 * what comes back and when the peer closed it (milliseconds after connecting), and can trickle
 * bytes at a fixed pace. Every trickle stops when the connection closes; `destroy()` ends both.
 */
import { connect, type Socket } from 'node:net';

/** One raw connection. */
export interface RawConnection {
  readonly socket: Socket;
  /** `performance.now()` when the connection was established. */
  readonly openedAt: number;
  /** Everything received so far, as latin1 text. */
  received(): string;
  /** Bytes received so far. */
  bytes(): number;
  /** Resolves with the milliseconds from connect to close (by either side, or a reset). */
  readonly closed: Promise<number>;
  /** True once closed. */
  isClosed(): boolean;
  /** Writes `chunk` unless closed. */
  write(chunk: string | Buffer): void;
  /** Writes `chunk` every `everyMs`, at most `times` times; returns a function that stops it. */
  trickle(chunk: string, everyMs: number, times: number): () => void;
  destroy(): void;
}

/** Options of {@link openConnection}. */
export interface OpenOptions {
  /** Do not read: the socket is paused from the start (a client that stops reading). */
  readonly paused?: boolean;
  /** Source address (another loopback address, e.g. 127.0.0.2, is another client). */
  readonly localAddress?: string;
}

/** Connects to 127.0.0.1:`port` (see module comment). */
export function openConnection(port: number, options: OpenOptions = {}): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      port,
      host: '127.0.0.1',
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let closed = false;
    const timers = new Set<NodeJS.Timeout>();
    let openedAt = 0;
    const closedPromise = new Promise<number>((done) => {
      socket.once('close', () => {
        closed = true;
        for (const timer of timers) clearInterval(timer);
        done(performance.now() - openedAt);
      });
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    socket.on('error', () => {}); // a reset is a close; `closed` reports it
    socket.once('connect', () => {
      openedAt = performance.now();
      if (options.paused === true) socket.pause();
      socket.off('error', reject);
      resolve({
        socket,
        openedAt,
        received: () => Buffer.concat(chunks).toString('latin1'),
        bytes: () => size,
        closed: closedPromise,
        isClosed: () => closed,
        write(chunk) {
          if (!closed && socket.writable) socket.write(chunk);
        },
        trickle(chunk, everyMs, times) {
          let left = times;
          const timer = setInterval(() => {
            if (closed || left <= 0) {
              clearInterval(timer);
              timers.delete(timer);
              return;
            }
            left -= 1;
            if (socket.writable) socket.write(chunk);
          }, everyMs);
          timers.add(timer);
          return () => {
            clearInterval(timer);
            timers.delete(timer);
          };
        },
        destroy() {
          for (const timer of timers) clearInterval(timer);
          socket.destroy();
        },
      });
    });
    socket.once('error', reject);
  });
}
