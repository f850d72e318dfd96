/** `upstreamTls`: what `serversTransport` turns into for connections to servers, and what it refuses. */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCa } from '../../test/helpers/test-ca';
import { parseStaticOptions } from '../options';
import { upstreamTls } from './upstream-tls';

const ca = createTestCa();
afterAll(() => ca.dispose());
const noFiles = (path: string): string => {
  throw new Error(`ENOENT: ${path}`);
};

describe('upstreamTls', () => {
  it('leaves Node’s defaults when serversTransport sets nothing', () => {
    expect(upstreamTls({ insecureSkipVerify: false, rootCAs: [] }, noFiles)).toBeUndefined();
  });

  it('turns insecureSkipVerify off the check', () => {
    expect(upstreamTls({ insecureSkipVerify: true, rootCAs: [] }, noFiles)).toEqual({ rejectUnauthorized: false });
  });

  it('takes every certificate of each entry, PEM text or file', () => {
    const two = `${ca.caPem}\n${ca.issue(['localhost']).certPem}`;
    const tls = upstreamTls({ insecureSkipVerify: false, rootCAs: [ca.caPem, '/ca/bundle.pem'] }, (path) => {
      expect(path).toBe('/ca/bundle.pem');
      return two;
    });
    expect(tls?.rejectUnauthorized).toBe(true);
    expect(tls?.ca).toHaveLength(3);
    expect(tls?.ca?.[0]?.trim()).toBe(ca.caPem.trim());
  });

  it('refuses a certificate that does not parse, naming the entry', () => {
    const broken = ca.caPem.replace(/\n[A-Za-z0-9+/]{10}/, '\nAAAAAAAAAA');
    expect(() => upstreamTls({ insecureSkipVerify: false, rootCAs: [broken] }, noFiles)).toThrow(
      /^serversTransport\.rootCAs\[0\]: the PEM text holds an invalid certificate/,
    );
  });

  it('reads both options from flags, the environment and a static configuration file, as Traefik names them', () => {
    const fromFlags = parseStaticOptions(
      ['--serversTransport.insecureSkipVerify=true', '--serversTransport.rootCAs=/a.pem,/b.pem'],
      {},
    ).serversTransport;
    const fromEnv = parseStaticOptions([], {
      TRAEFIK_SERVERSTRANSPORT_INSECURESKIPVERIFY: 'true',
      TRAEFIK_SERVERSTRANSPORT_ROOTCAS: '/a.pem,/b.pem',
    }).serversTransport;
    const fromFile = parseStaticOptions(['--configFile=/etc/traefik.yml'], {}, () =>
      ['serversTransport:', '  insecureSkipVerify: true', '  rootCAs: [/a.pem, /b.pem]'].join('\n'),
    ).serversTransport;
    for (const parsed of [fromFlags, fromEnv, fromFile])
      expect([parsed.insecureSkipVerify, parsed.rootCAs]).toEqual([true, ['/a.pem', '/b.pem']]);
    const unset = parseStaticOptions([], {}).serversTransport;
    expect([unset.insecureSkipVerify, unset.rootCAs]).toEqual([false, []]);
  });
});
