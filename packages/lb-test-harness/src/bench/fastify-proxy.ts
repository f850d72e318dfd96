/**
 * The benchmark's `fastify-http-proxy` target: Fastify with `@fastify/http-proxy` (the plugin
 * Junction's design began with), round-robin over the upstreams through reply-from's
 * `getUpstream`, defaults otherwise. Run as `node fastify-proxy.ts` (Node ≥ 22.18 strips the
 * types) with `PORT` and `UPSTREAMS` (comma-separated origins); erasable TypeScript only.
 */
import proxy from '@fastify/http-proxy';
import Fastify from 'fastify';

const upstreams = (process.env.UPSTREAMS ?? '').split(',').filter(Boolean);
let next = 0;
const app = Fastify({ logger: false });
await app.register(proxy, {
  upstream: '',
  replyOptions: { getUpstream: () => upstreams[next++ % upstreams.length] as string },
});
const address = await app.listen({ port: Number(process.env.PORT ?? '0'), host: '127.0.0.1' });
process.stdout.write(`fastify-http-proxy on ${address}\n`);
const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
