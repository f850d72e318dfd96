/**
 * ACME across a cluster's workers: what worker 0's manager writes through the broadcasting store
 * and token map reaches another worker's real certificate store and token map (certificates,
 * pending domains, HTTP-01 tokens, TLS-ALPN-01 certificates, and their withdrawal). The IPC
 * channel is an in-memory relay with the primary's semantics (deliver to the other worker).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { BroadcastChannel, TopicHandler } from '../cluster/member';
import { createCertificateStore } from '../tls/certificate-store';
import { selfSignedP256 } from '../../test/helpers/test-ca';
import { HttpChallengeTokenMap } from './challenges';
import { broadcastingAcme, followAcme } from './cluster-sync';

function pair(): [BroadcastChannel, BroadcastChannel] {
  const handlers: (TopicHandler | undefined)[] = [undefined, undefined];
  const make = (index: number): BroadcastChannel => ({
    index,
    broadcast: (_topic, key, data) => handlers[1 - index]?.(key, structuredClone(data)),
    on: (_topic, handler) => void (handlers[index] = handler),
  });
  return [make(0), make(1)];
}

function selfSigned(name: string): { certPem: string; keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'junction-acme-sync-'));
  try {
    selfSignedP256({ keyFile: join(dir, 'k.pem'), certFile: join(dir, 'c.pem') }, name, 90, [
      `subjectAltName=DNS:${name}`,
    ]);
    return { certPem: readFileSync(join(dir, 'c.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'k.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("worker 0's ACME changes reach another worker's store and tokens", async () => {
  const [zero, one] = pair();
  const [store0, store1] = await Promise.all([createCertificateStore(), createCertificateStore()]);
  const [tokens0, tokens1] = [new HttpChallengeTokenMap(), new HttpChallengeTokenMap()];
  followAcme(one, store1, tokens1);
  const leader = broadcastingAcme(zero, store0, tokens0);

  leader.tokens.set('tok', 'tok.thumb');
  expect([tokens0.get('tok'), tokens1.get('tok')]).toEqual(['tok.thumb', 'tok.thumb']);
  leader.tokens.delete('tok');
  expect(tokens1.get('tok')).toBeUndefined();

  const alpn = selfSigned('a.test');
  leader.certificates.setAlpnChallenge('a.test', alpn.certPem, alpn.keyPem);
  expect(store1.alpnChallengeFor('a.test')).toBeDefined();
  leader.certificates.clearAlpnChallenge('a.test');
  expect(store1.alpnChallengeFor('a.test')).toBeUndefined();

  const issued = selfSigned('b.test');
  leader.certificates.replace('acme:le', [
    { id: 'acme:le:b.test', source: 'acme', resolver: 'le', ...issued, expectedNames: ['b.test'] },
  ]);
  leader.certificates.setPending('acme:le', [
    { id: 'acme:le:c.test', source: 'acme', resolver: 'le', domains: ['c.test'], state: 'pending' },
  ]);
  const listed = store1
    .list()
    .filter((c) => c.source === 'acme')
    .map((c) => [c.id, c.state, c.serving]);
  expect(listed).toEqual([
    ['acme:le:b.test', 'valid', true],
    ['acme:le:c.test', 'pending', false],
  ]);
  expect(store1.contextFor('b.test', 'default', true)).toBeDefined();

  leader.certificates.replace('acme:le', []);
  leader.certificates.setPending('acme:le', []);
  expect(store1.list().filter((c) => c.source === 'acme')).toEqual([]);
});
