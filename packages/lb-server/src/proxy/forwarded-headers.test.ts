import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  appendSetCookies,
  applyHeaderChanges,
  dropForwardedHeaders,
  setForwardedHeaders,
  stripHopByHop,
} from './forwarded-headers';

describe('stripHopByHop', () => {
  it('removes hop-by-hop headers and those Connection lists', () => {
    const headers: IncomingHttpHeaders = {
      connection: 'keep-alive, X-Private',
      'x-private': '1',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      trailer: 'x',
      'transfer-encoding': 'chunked',
      upgrade: 'h2c',
      'proxy-connection': 'keep-alive',
      'proxy-authorization': 'Basic x',
      'proxy-authenticate': 'Basic',
      host: 'a',
      accept: '*/*',
    };
    stripHopByHop(headers);
    expect(headers).toEqual({ host: 'a', accept: '*/*' });
  });
});

describe('forwarding headers', () => {
  it('drops every client-sent forwarding header', () => {
    const headers: IncomingHttpHeaders = {
      'x-forwarded-for': '1.1.1.1',
      'x-real-ip': '1.1.1.1',
      'x-forwarded-uri': '/',
      'x-other': 'kept',
    };
    dropForwardedHeaders(headers);
    expect(headers).toEqual({ 'x-other': 'kept' });
  });

  it.each([
    {
      desc: 'mixed-case lines',
      raw: ['Host', 'a', 'X-Forwarded-For', '1.1.1.1', 'x-real-ip', '1.1.1.1'],
      want: { host: 'a' },
    },
    { desc: 'lower-case lines', raw: ['host', 'a', 'x-forwarded-host', 'evil'], want: { host: 'a' } },
    { desc: 'no x- line', raw: ['Host', 'a', 'Accept', '*/*'], want: { host: 'a', accept: '*/*' } },
  ])('drops them read from rawHeaders too: $desc', ({ raw, want }) => {
    const headers: IncomingHttpHeaders = {};
    for (let i = 0; i < raw.length; i += 2) headers[(raw[i] as string).toLowerCase()] = raw[i + 1] as string;
    dropForwardedHeaders(headers, raw);
    expect(headers).toEqual(want);
  });

  it.each([
    {
      desc: 'fresh request',
      given: {},
      host: 'a.local',
      proto: 'http',
      want: {
        'x-forwarded-for': '10.0.0.9',
        'x-forwarded-host': 'a.local',
        'x-forwarded-port': '80',
        'x-forwarded-proto': 'http',
        'x-real-ip': '10.0.0.9',
      },
    },
    {
      desc: 'host with a port',
      given: {},
      host: 'a.local:8443',
      proto: 'https',
      want: { 'x-forwarded-port': '8443', 'x-forwarded-proto': 'https' },
    },
    {
      desc: 'IPv6 host without a port',
      given: {},
      host: '[::1]',
      proto: 'wss',
      want: { 'x-forwarded-port': '443', 'x-forwarded-proto': 'wss' },
    },
    {
      desc: 'trusted values kept, peer appended',
      given: { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'orig', 'x-real-ip': '1.2.3.4' },
      host: 'a',
      proto: 'http',
      want: { 'x-forwarded-for': '1.2.3.4, 10.0.0.9', 'x-forwarded-host': 'orig', 'x-real-ip': '1.2.3.4' },
    },
  ])('$desc', ({ given, host, proto, want }) => {
    const headers: IncomingHttpHeaders = { ...given };
    setForwardedHeaders(headers, { clientIp: '10.0.0.9', proto, host, server: 'lb1' });
    expect(headers).toMatchObject({ ...want, 'x-forwarded-server': 'lb1' });
  });
});

describe('header changes', () => {
  it('sets values and removes empty ones', () => {
    const headers: IncomingHttpHeaders = { a: '1', b: '2' };
    applyHeaderChanges(headers, { a: '', c: '3' });
    expect(headers).toEqual({ b: '2', c: '3' });
  });

  it.each([
    { desc: 'no upstream cookie', existing: undefined, want: ['s=1'] },
    { desc: 'one upstream cookie', existing: 'app=x', want: ['app=x', 's=1'] },
    { desc: 'several upstream cookies', existing: ['a=1', 'b=2'], want: ['a=1', 'b=2', 's=1'] },
  ])('appends Set-Cookie with $desc', ({ existing, want }) => {
    const headers: Record<string, string | string[] | undefined> = { 'set-cookie': existing };
    appendSetCookies(headers, ['s=1']);
    expect(headers['set-cookie']).toEqual(want);
  });
});
