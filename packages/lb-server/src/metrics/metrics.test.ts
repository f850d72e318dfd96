import { describe, expect, it } from 'vitest';
import { findSamples, parseExposition, type Exposition } from '../../test/helpers/exposition';
import { createMetrics, type MetricsOptions } from './metrics';
import { SAMPLE_REQUEST } from '../../test/helpers/metrics-request';

const request = SAMPLE_REQUEST;

async function scrape(
  options: MetricsOptions,
  act: (m: ReturnType<typeof createMetrics>) => void,
): Promise<Exposition> {
  const metrics = createMetrics({ processMetrics: false, ...options });
  act(metrics);
  return parseExposition(await metrics.render());
}

const value = (e: Exposition, name: string, labels: Record<string, string> = {}): number | undefined => {
  const found = findSamples(e, name, labels);
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${found.length} samples`);
  return found[0]?.value;
};

describe('createMetrics', () => {
  it('counts requests per entry point, router and service with Traefik label names', async () => {
    const e = await scrape({ addRoutersLabels: true }, (m) => {
      m.recordRequest(request);
      m.recordRequest({ ...request, durationSeconds: 2 });
      m.recordRequest({ ...request, code: 503, method: 'POST', requestBytes: 10, responseBytes: 0 });
    });
    const ok = { code: '200', method: 'GET', protocol: 'http' };
    expect(value(e, 'traefik_entrypoint_requests_total', { ...ok, entrypoint: 'web' })).toBe(2);
    expect(value(e, 'traefik_router_requests_total', { ...ok, router: 'api@docker', service: 'api-svc@docker' })).toBe(
      2,
    );
    expect(value(e, 'traefik_service_requests_total', { ...ok, service: 'api-svc@docker' })).toBe(2);
    expect(value(e, 'traefik_service_requests_total', { code: '503', method: 'POST' })).toBe(1);
    expect(value(e, 'traefik_service_requests_bytes_total', { code: '503' })).toBe(10);
    expect(value(e, 'traefik_service_responses_bytes_total', { code: '503' })).toBe(0);
    expect(findSamples(e, 'traefik_service_requests_bytes_total', ok)).toEqual([]);
    expect(value(e, 'traefik_service_request_duration_seconds_count', ok)).toBe(2);
    expect(value(e, 'traefik_service_request_duration_seconds_sum', ok)).toBe(2.25);
    expect(e.types.get('traefik_entrypoint_request_duration_seconds')).toBe('histogram');
    expect(e.types.get('traefik_entrypoint_requests_total')).toBe('counter');
  });

  it.each([
    { buckets: undefined, expected: ['0.1', '0.3', '1.2', '5', '+Inf'], cumulative: [0, 1, 1, 2, 2] },
    { buckets: [0.5, 3], expected: ['0.5', '3', '+Inf'], cumulative: [1, 1, 2] },
  ])('uses buckets $buckets', async ({ buckets, expected, cumulative }) => {
    const e = await scrape(buckets === undefined ? {} : { buckets }, (m) => {
      m.recordRequest({ ...request, durationSeconds: 0.25 });
      m.recordRequest({ ...request, durationSeconds: 4 });
    });
    const rows = findSamples(e, 'traefik_entrypoint_request_duration_seconds_bucket', { entrypoint: 'web' });
    expect(rows.map((s) => s.labels.le)).toEqual(expected);
    expect(rows.map((s) => s.value)).toEqual(cumulative);
  });

  it.each([[[]], [[1, 1]], [[2, 1]], [[Number.NaN]]])('refuses buckets %j', (buckets) => {
    expect(() => createMetrics({ buckets, processMetrics: false })).toThrow(RangeError);
  });

  it.each([
    { options: {}, entrypoint: true, router: false, service: true },
    { options: { addRoutersLabels: true }, entrypoint: true, router: true, service: true },
    {
      options: { addEntryPointsLabels: false, addServicesLabels: false },
      entrypoint: false,
      router: false,
      service: false,
    },
  ])('label toggles $options', async ({ options, entrypoint, router, service }) => {
    const e = await scrape(options, (m) => {
      m.recordRequest(request);
      m.recordRetry('api-svc@docker');
      m.setServerUp('api-svc@docker', 'http://10.0.0.2:80', true);
    });
    const has = (name: string): boolean => e.types.has(name);
    expect(has('traefik_entrypoint_requests_total')).toBe(entrypoint);
    expect(has('traefik_router_requests_total')).toBe(router);
    expect(has('traefik_service_requests_total')).toBe(service);
    expect(has('traefik_service_retries_total')).toBe(service);
    expect(has('traefik_service_server_up')).toBe(service);
    expect(has('traefik_config_reloads_total')).toBe(true);
    expect(has('traefik_open_connections')).toBe(true);
  });

  it('records a request without router or service on the entry point only', async () => {
    const e = await scrape({ addRoutersLabels: true }, (m) =>
      m.recordRequest({ ...request, router: undefined, service: undefined, code: 404 }),
    );
    expect(value(e, 'traefik_entrypoint_requests_total', { code: '404' })).toBe(1);
    expect(findSamples(e, 'traefik_router_requests_total')).toEqual([]);
    expect(findSamples(e, 'traefik_service_requests_total')).toEqual([]);
  });

  it('tracks server_up and removes a server that left the configuration', async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.setServerUp('svc', 'http://a:80', true);
    metrics.setServerUp('svc', 'http://b:80', true);
    metrics.setServerUp('svc', 'http://b:80', false);
    let e = parseExposition(await metrics.render());
    expect(value(e, 'traefik_service_server_up', { service: 'svc', url: 'http://a:80' })).toBe(1);
    expect(value(e, 'traefik_service_server_up', { service: 'svc', url: 'http://b:80' })).toBe(0);
    metrics.removeServer('svc', 'http://b:80');
    e = parseExposition(await metrics.render());
    expect(findSamples(e, 'traefik_service_server_up').map((s) => s.labels.url)).toEqual(['http://a:80']);
  });

  it('counts retries, open connections and config reloads', async () => {
    const e = await scrape({ now: () => 1_700_000_000_500 }, (m) => {
      m.recordRetry('svc');
      m.recordRetry('svc');
      const close = m.openConnection('web');
      m.openConnection('web');
      close();
      close(); // idempotent
      m.configReload(true);
      m.configReload(false);
    });
    expect(value(e, 'traefik_service_retries_total', { service: 'svc' })).toBe(2);
    expect(value(e, 'traefik_open_connections', { entrypoint: 'web', protocol: 'TCP' })).toBe(1);
    expect(value(e, 'traefik_config_reloads_total')).toBe(2);
    expect(value(e, 'traefik_config_reloads_failure_total')).toBe(1);
    expect(value(e, 'traefik_config_last_reload_success')).toBe(1_700_000_000);
    expect(value(e, 'traefik_config_last_reload_failure')).toBe(1_700_000_000);
  });

  it('prunes series of elements no longer configured, then counts them afresh', async () => {
    const metrics = createMetrics({ processMetrics: false, addRoutersLabels: true });
    metrics.recordRequest(request);
    metrics.recordRequest({ ...request, router: 'old', service: 'gone' });
    metrics.recordRetry('gone');
    metrics.setServerUp('gone', 'http://x', true);
    metrics.prune({ routers: ['api@docker'], services: ['api-svc@docker'] });
    let e = parseExposition(await metrics.render());
    expect(findSamples(e, 'traefik_router_requests_total').map((s) => s.labels.router)).toEqual(['api@docker']);
    expect(findSamples(e, 'traefik_service_requests_total').map((s) => s.labels.service)).toEqual(['api-svc@docker']);
    expect(findSamples(e, 'traefik_service_retries_total')).toEqual([]);
    expect(findSamples(e, 'traefik_service_server_up')).toEqual([]);
    expect(value(e, 'traefik_entrypoint_requests_total')).toBe(2);

    metrics.recordRequest({ ...request, router: 'old', service: 'gone' });
    e = parseExposition(await metrics.render());
    expect(value(e, 'traefik_service_requests_total', { service: 'gone' })).toBe(1);
  });

  it('adds Node.js process metrics with the junction_ prefix on its own registry', async () => {
    const metrics = createMetrics();
    const e = parseExposition(await metrics.render());
    expect(findSamples(e, 'junction_process_cpu_user_seconds_total')).toHaveLength(1);
    expect(e.samples.some((s) => s.name.startsWith('process_'))).toBe(false);
    expect(metrics.contentType).toMatch(/^text\/plain/);
    createMetrics(); // a second instance does not clash
  });
});
