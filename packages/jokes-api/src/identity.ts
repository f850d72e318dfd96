/**
 * The answering server's identity. Every response names it, so a person watching the demo
 * can see which replica the load balancer chose.
 */
import { hostname } from 'node:os';
import { v4 as uuidv4 } from 'uuid';

/** Who answered: a random v4 uuid fixed for the life of the app, and the machine's hostname. */
export interface ServerIdentity {
  readonly id: string;
  readonly hostname: string;
}

/** Creates a fresh identity: a new uuid v4 and `os.hostname()` (the container id under Docker). */
export function createIdentity(): ServerIdentity {
  return Object.freeze({ id: uuidv4(), hostname: hostname() });
}
