/**
 * Upstream side of upload checks (the upload test and the memory benchmark's upstream): consumes a
 * request body as it streams, counting and hashing it, without keeping it.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Size and SHA-256 (hex) of a request body. */
export interface BodyDigest {
  readonly bytes: number;
  readonly sha256: string;
}

/** Reads `req`'s body to its end; calls `done` with its size and hash. */
export function hashBody(req: IncomingMessage, done: (digest: BodyDigest) => void): void {
  const hash = createHash('sha256');
  let bytes = 0;
  req.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    hash.update(chunk);
  });
  req.on('end', () => done({ bytes, sha256: hash.digest('hex') }));
}
