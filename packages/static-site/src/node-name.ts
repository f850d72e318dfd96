/**
 * The static node's name, shown in the `X-Static-Node` header, `/node.json` and on the page,
 * so a person can see which replica served them and whether sticky sessions hold.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Default name: the hostname (the container id under Docker) plus a short random suffix,
 * so several processes on one machine still tell themselves apart.
 */
export function defaultNodeName(): string {
  return `${hostname()}-${randomBytes(2).toString('hex')}`;
}
