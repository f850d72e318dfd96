/**
 * Test support, run as a child process (`fork` with tsx): a Junction whose memory the parent can
 * measure apart from its own. Protocol over IPC: `{ upstream }` → builds Junction routing
 * `up.local` to that URL and answers `{ port }`; `{ memory, gc? }` → answers
 * `process.memoryUsage()` (after a full GC when `gc` is set and `--expose-gc` was given).
 */
import { startJunction } from './junction';

process.on('message', (message: { upstream?: string; memory?: boolean; gc?: boolean }) => {
  if (message.upstream !== undefined) {
    void startJunction({
      http: {
        routers: { up: { rule: 'Host(`up.local`)', service: 'up' } },
        services: { up: { loadBalancer: { servers: [{ url: message.upstream }] } } },
      },
    }).then((lb) => process.send?.({ port: lb.port }));
    return;
  }
  if (message.memory === true) {
    if (message.gc === true) (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    process.send?.({ rss, heapUsed, external });
  }
});
process.on('disconnect', () => process.exit(0));
