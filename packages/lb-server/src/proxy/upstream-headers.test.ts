import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { LoadBalancedService } from '../runtime/runtime';
import { Exchange } from './exchange';
import { applyHeaderChanges, setForwardedHeaders, stripHopByHop } from './forwarded-headers';
import { upstreamHeaderList } from './upstream-headers';

function exchange(headers: IncomingHttpHeaders, passHostHeader = true, changes: Record<string, string> = {}): Exchange {
  const ex = new Exchange({ method: 'GET', headers } as unknown as IncomingMessage, 'web', '10.0.0.9', 'http', '/', '');
  Object.assign(ex.upstreamHeaders, changes);
  const service = { passHostHeader } as LoadBalancedService;
  ex.target = {
    service,
    server: {
      id: 's',
      url: 'http://10.1.1.1:8080',
      weight: 1,
      origin: 'http://10.1.1.1:8080',
      basePath: '',
      hostname: '10.1.1.1',
    },
  };
  return ex;
}

/** The same rules applied the object way (`forwarded-headers.ts`), as a flat list sorted by name. */
function objectWay(headers: IncomingHttpHeaders, passHostHeader: boolean, changes: Record<string, string>): string[][] {
  const out: IncomingHttpHeaders = { ...headers };
  stripHopByHop(out);
  setForwardedHeaders(out, { clientIp: '10.0.0.9', proto: 'http', host: headers.host ?? '', server: 'junction-1' });
  out.host = passHostHeader && headers.host !== undefined ? headers.host : '10.1.1.1:8080';
  applyHeaderChanges(out, changes);
  return Object.entries(out)
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((v) => [name, v]) : [[name, String(value)]]))
    .sort();
}

function pairs(list: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < list.length; i += 2) out.push([list[i] as string, list[i + 1] as string]);
  return out.sort();
}

interface Case {
  desc: string;
  headers: IncomingHttpHeaders;
  pass: boolean;
  changes: Record<string, string>;
}

describe('upstreamHeaderList', () => {
  it.each<Case>([
    { desc: 'plain request', headers: { host: 'a.local', accept: '*/*' }, pass: true, changes: {} },
    {
      desc: 'hop-by-hop and Connection-listed names',
      headers: {
        host: 'a',
        connection: 'keep-alive, X-Private',
        'x-private': '1',
        te: 'gzip',
        'keep-alive': '5',
        'x-ok': 'y',
      },
      pass: true,
      changes: {},
    },
    {
      desc: 'trusted forwarding headers kept, peer appended',
      headers: {
        host: 'a:8443',
        'x-forwarded-for': '1.2.3.4',
        'x-forwarded-proto': 'https',
        'x-real-ip': '1.2.3.4',
        'x-forwarded-server': 'spoof',
      },
      pass: true,
      changes: {},
    },
    { desc: 'passHostHeader false sends the server host', headers: { host: 'a.local' }, pass: false, changes: {} },
    {
      desc: 'middleware changes win, empty removes',
      headers: { host: 'a', 'x-remove': 'me', accept: 'x' },
      pass: true,
      changes: { 'x-remove': '', 'x-added': '1', 'x-forwarded-proto': 'https', accept: 'text/html' },
    },
    { desc: 'repeated header values', headers: { host: 'a', 'x-multi': ['1', '2'] }, pass: true, changes: {} },
  ])('$desc: same headers as the object rules', ({ headers, pass, changes }) => {
    const list = upstreamHeaderList(exchange(headers, pass, changes), 'junction-1', 'http');
    expect(list.length % 2).toBe(0);
    expect(pairs(list)).toEqual(objectWay(headers, pass, changes));
  });

  it.each([
    { te: 'trailers', sent: 'trailers' },
    { te: 'deflate, Trailers;q=1', sent: 'trailers' },
    { te: 'gzip', sent: undefined },
    { te: 'trailersx', sent: undefined },
  ])('TE $te → $sent (Go passes only `trailers`, which gRPC needs)', ({ te, sent }) => {
    const list = pairs(upstreamHeaderList(exchange({ host: 'a', te }), 'j', 'http'));
    expect(list.filter(([name]) => name === 'te')).toEqual(sent === undefined ? [] : [['te', sent]]);
  });

  it("leaves out an HTTP/2 request's pseudo-headers", () => {
    const list = pairs(
      upstreamHeaderList(
        exchange({ ':method': 'GET', ':path': '/x', ':scheme': 'https', ':authority': 'a', host: 'a', accept: '*/*' }),
        'j',
        'https',
      ),
    );
    expect(list.filter(([name]) => name?.startsWith(':'))).toEqual([]);
    expect(list).toContainEqual(['host', 'a']);
    expect(list).toContainEqual(['accept', '*/*']);
  });

  it('adds Connection: Upgrade and the Upgrade header for a WebSocket', () => {
    const list = pairs(
      upstreamHeaderList(exchange({ host: 'a', connection: 'Upgrade', upgrade: 'websocket' }), 'j', 'ws', 'websocket'),
    );
    expect(list).toContainEqual(['connection', 'Upgrade']);
    expect(list).toContainEqual(['upgrade', 'websocket']);
    expect(list).toContainEqual(['x-forwarded-proto', 'ws']);
  });
});
