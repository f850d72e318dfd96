import { describe, expect, it } from 'vitest';
import { createAccessLog, type AccessLogEntry } from './access-log';

const entry: AccessLogEntry = {
  startedAt: new Date(2025, 0, 2, 3, 4, 5),
  durationMs: 12.4,
  clientIp: '10.0.0.9',
  clientPort: 5555,
  user: undefined,
  method: 'GET',
  url: '/api/jokes?n=1',
  protocol: 'HTTP/1.1',
  host: 'a.local:80',
  scheme: 'http',
  entryPoint: 'web',
  router: 'api@docker',
  service: 'api@docker',
  serviceUrl: 'http://10.0.0.2:3000',
  status: 200,
  originStatus: 200,
  responseSize: 42,
  retries: 1,
  referer: undefined,
  userAgent: 'curl/8',
};

function lines(format: 'common' | 'json'): string[] {
  const out: string[] = [];
  const log = createAccessLog({ format, sink: { write: (line) => out.push(line) } });
  log.log(entry);
  log.log(entry);
  return out;
}

describe('access log', () => {
  it('writes Traefik common log format lines with a request count', () => {
    const [first, second] = lines('common');
    expect(first).toMatch(
      /^10\.0\.0\.9 - - \[02\/Jan\/2025:03:04:05 [+-]\d{4}\] "GET \/api\/jokes\?n=1 HTTP\/1\.1" 200 42 "-" "curl\/8" 1 "api@docker" "http:\/\/10\.0\.0\.2:3000" 12ms\n$/,
    );
    expect(second).toContain(' 2 "api@docker"');
  });

  it("writes JSON lines with Traefik's field names", () => {
    const [line] = lines('json');
    expect(JSON.parse(line ?? '')).toMatchObject({
      ClientHost: '10.0.0.9',
      ClientAddr: '10.0.0.9:5555',
      RequestMethod: 'GET',
      RequestPath: '/api/jokes',
      RequestHost: 'a.local',
      DownstreamStatus: 200,
      OriginStatus: 200,
      Duration: 12_400_000,
      RouterName: 'api@docker',
      ServiceName: 'api@docker',
      ServiceURL: 'http://10.0.0.2:3000',
      RetryAttempts: 1,
      RequestCount: 1,
      entryPointName: 'web',
    });
  });
});
