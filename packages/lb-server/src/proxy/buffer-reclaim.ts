/**
 * Returns the memory of streamed bodies to the system as fast as they stream. Every chunk a body
 * passes through the proxy in is a fresh buffer (Node allocates one per socket read), dead once it
 * is written on, but only a garbage collection frees it, and V8 starts one for memory outside its
 * heap only after some 64 MB of it have piled up: a proxy streaming one 200 MB body held 40–70 MB
 * more RSS than at rest (a bare `node:http` + undici proxy too; see bench/memory.bench.ts), none
 * of it live. The chunks die young, so a young-generation collection (a scavenge: its cost follows
 * the live young objects, well under a millisecond here, not the garbage) frees them; the
 * reclaimer asks V8 for one after every {@link RECLAIM_EVERY_BYTES} streamed, in either direction,
 * by any number of exchanges. Backpressure keeps what is live to a window per exchange; this keeps
 * what is dead to a window per process.
 *
 * The collector comes from `v8-gc.ts`; where it cannot be had, counting is a no-op and V8's own
 * schedule applies.
 */
import { obtainGc, type GcFunction } from '../v8-gc';

/** Bytes streamed between two young-generation collections. */
export const RECLAIM_EVERY_BYTES = 8 * 1024 * 1024;

/** Counts streamed bytes and collects young garbage every `everyBytes` (see module comment). */
export interface BufferReclaimer {
  /** Counts `bytes` of body that just passed through. */
  readonly count: (bytes: number) => void;
  /** Young-generation collections asked for so far. */
  readonly collections: () => number;
}

/** A reclaimer over `gc` (none: counting does nothing). */
export function createBufferReclaimer(gc: GcFunction | undefined, everyBytes = RECLAIM_EVERY_BYTES): BufferReclaimer {
  let pending = 0;
  let collections = 0;
  let scheduled = false;
  const collect = (): void => {
    scheduled = false;
    pending = 0;
    collections += 1;
    try {
      gc?.({ type: 'minor' });
    } catch {
      // a collector that refuses leaves V8's own schedule in charge
    }
  };
  const count = (bytes: number): void => {
    pending += bytes;
    if (pending < everyBytes || scheduled) return;
    // not inside the stream's own callback: the chunk in hand and its listeners finish first
    scheduled = true;
    setImmediate(collect);
  };
  return gc === undefined
    ? { count: () => undefined, collections: () => 0 }
    : { count, collections: () => collections };
}

let shared: BufferReclaimer | undefined;

/** The process's reclaimer, created on first use. */
export function streamReclaimer(): BufferReclaimer {
  shared ??= createBufferReclaimer(obtainGc());
  return shared;
}
