/**
 * Benchmark proxy (child process): Junction built with `buildApp`, one `web` entry point on
 * 127.0.0.1, routing `Host(bench.local)` to the upstream ports received over IPC (smooth weighted
 * round-robin, no middlewares, metrics and access log off). Sends `{ port }` over IPC.
 */
import { mergeConfigs, validateDynamicConfig } from '@junction/lb-core';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app';
import { parseStaticOptions } from '../src/options';

process.once('message', async (message: { ports: number[] }) => {
  const options = parseStaticOptions(['--entrypoints.web.address=127.0.0.1:0', '--log.level=ERROR'], {});
  const app = buildApp({ options });
  const raw = {
    http: {
      routers: { bench: { rule: 'Host(`bench.local`) && PathPrefix(`/`)', service: 'pool' } },
      services: {
        pool: { loadBalancer: { servers: message.ports.map((port) => ({ url: `http://127.0.0.1:${port}` })) } },
      },
    },
  };
  app.store.apply(mergeConfigs({ file: validateDynamicConfig(raw, { provider: 'file' }).config }));
  const web = app.entryPoints.get('web');
  await web?.listen({ host: '127.0.0.1', port: 0 });
  process.send?.({ port: (web?.server.address() as AddressInfo).port });
});
process.on('disconnect', () => process.exit(0));
