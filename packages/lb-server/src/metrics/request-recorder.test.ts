/**
 * The allocation-free request recorder counts exactly what `recordRequest` counts, and after a
 * prune counts into the series the registry exports again.
 */
import { describe, expect, it } from 'vitest';
import { parseExposition } from '../../test/helpers/exposition';
import { createMetrics } from './metrics';
import { SAMPLE_REQUEST } from '../../test/helpers/metrics-request';

const request = SAMPLE_REQUEST;

const exposition = async (metrics: ReturnType<typeof createMetrics>): Promise<string[]> =>
  parseExposition(await metrics.render())
    .samples.map((s) => `${s.name} ${JSON.stringify(s.labels)} ${s.value}`)
    .sort();

describe('requestRecorder', () => {
  it('exports the same samples as recordRequest', async () => {
    const plain = createMetrics({ processMetrics: false, addRoutersLabels: true });
    const bound = createMetrics({ processMetrics: false, addRoutersLabels: true });
    const routed = bound.requestRecorder('web', 'api@docker', 'api-svc@docker');
    const unrouted = bound.requestRecorder('web');
    const calls: [number, string, string, number][] = [
      [200, 'GET', 'http', 0.25],
      [200, 'GET', 'http', 2],
      [503, 'POST', 'grpc', 0.05],
      [200, 'GET', 'sse', 9],
    ];
    for (const [code, method, protocol, durationSeconds] of calls) {
      plain.recordRequest({ ...request, code, method, protocol, durationSeconds });
      routed.record(code, method, protocol, durationSeconds);
    }
    plain.recordRequest({ entryPoint: 'web', code: 404, method: 'GET', protocol: 'http', durationSeconds: 0.001 });
    unrouted.record(404, 'GET', 'http', 0.001);
    const expected = await exposition(plain);
    expect(expected.some((line) => line.startsWith('traefik_router_requests_total') && line.endsWith(' 2'))).toBe(true);
    expect(await exposition(bound)).toEqual(expected);
  });

  it('counts into live series after a prune dropped its own', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const recorder = metrics.requestRecorder('web', 'old', 'gone');
    recorder.record(200, 'GET', 'http', 0.1);
    metrics.prune({ services: ['other'] });
    expect((await exposition(metrics)).filter((line) => line.includes('"service":"gone"'))).toEqual([]);
    recorder.record(200, 'GET', 'http', 0.1);
    const lines = (await exposition(metrics)).filter((line) => line.startsWith('traefik_service_requests_total'));
    expect(lines).toEqual([
      'traefik_service_requests_total {"code":"200","method":"GET","protocol":"http","service":"gone"} 1',
    ]);
  });
});
