/**
 * The stand-in certificate source: empty until the real store is attached, then the store's
 * list, with listeners told on attach and on every store change.
 */
import { describe, expect, it } from 'vitest';
import { createTestCa } from '../../test/helpers/certificates';
import { createCertificateStore } from '../tls/certificate-store';
import { lateCertificateSource } from './late-certificates';

describe('lateCertificateSource', () => {
  it('lists nothing before the store, then the store, telling its listeners', async () => {
    const late = lateCertificateSource();
    let told = 0;
    late.onChange(() => (told += 1));
    expect(late.list()).toEqual([]);
    const store = await createCertificateStore();
    late.attach(store);
    expect(told).toBe(1);
    expect(late.list().map((c) => c.source)).toEqual(['generated']);
    const ca = createTestCa();
    try {
      const a = ca.issue({ cn: 'a.test', key: 'ec' });
      store.replace('file', [{ id: 'file:a', source: 'file', certPem: a.certPem, keyPem: a.keyPem }]);
      expect(told).toBe(2);
      expect(late.list().map((c) => c.domains[0])).toEqual(['a.test', 'junction default cert']);
      late.attach(await createCertificateStore());
      expect(late.list()).toHaveLength(2); // the first store stays
    } finally {
      ca.close();
    }
  });
});
