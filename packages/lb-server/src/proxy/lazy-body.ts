/**
 * A request body that can be offered to a second upstream when the first could not be reached.
 * undici reads a stream body only once its connection is made, but destroys it when the request
 * fails: handing it the client's stream itself would lose the body with a refused connection. So
 * each attempt gets a {@link lazyBody} view that touches the client's stream only when undici
 * first reads from the view; while it has not, the stream is intact and can go to the next
 * attempt. Once the view has started, it forwards with backpressure (pause/resume) and passes a
 * destroy on to the stream, as undici would have done. Each chunk's size goes to `counted` (the
 * process's buffer reclaimer, see `buffer-reclaim.ts`).
 */
import { Readable } from 'node:stream';

/** A per-attempt view of a request body (see module comment). */
export interface LazyBody extends Readable {
  /** Whether anything read from the client's stream through this view. */
  readonly started: boolean;
}

/** Wraps `source` for one upstream attempt; `counted` sees the size of every chunk passed on. */
export function lazyBody(source: Readable, counted?: (bytes: number) => void): LazyBody {
  let started = false;
  const onData = (chunk: Buffer): void => {
    counted?.(chunk.length);
    if (!view.push(chunk)) source.pause();
  };
  const onEnd = (): void => {
    view.push(null);
  };
  const onError = (error: Error): void => {
    view.destroy(error);
  };
  const view = new Readable({
    read() {
      if (started) {
        source.resume();
        return;
      }
      started = true;
      source.on('data', onData);
      source.once('end', onEnd);
      source.once('error', onError);
      if (source.readableEnded) view.push(null);
    },
    destroy(error, callback) {
      if (started) {
        source.off('data', onData);
        source.off('end', onEnd);
        source.off('error', onError);
        if (error !== null && !source.readableEnded) source.destroy(error);
      }
      callback(error);
    },
  }) as LazyBody;
  Object.defineProperty(view, 'started', { get: () => started });
  return view;
}
