import { describe, expect, it } from 'vitest';
import { validateDynamicConfig } from './validate';

const URL_A = 'http://10.0.0.2:3000';

/** The validated servers of service `s` with one server `{ url, ...fields }`, and the errors. */
function validateServer(fields: Record<string, unknown>) {
  const { config, errors } = validateDynamicConfig({
    http: { services: { s: { loadBalancer: { servers: [{ url: URL_A, ...fields }] } } } },
  });
  const service = config.http.services?.s;
  return {
    servers: service !== undefined && 'loadBalancer' in service ? service.loadBalancer.servers : undefined,
    errors,
  };
}

describe('server state set by providers (available, draining)', () => {
  it.each([
    { desc: 'absent: available, not draining', fields: {}, expected: { id: URL_A, url: URL_A, weight: 1 } },
    {
      desc: 'available false is kept',
      fields: { available: false },
      expected: { id: URL_A, url: URL_A, weight: 1, available: false },
    },
    {
      desc: 'available true normalises to absent',
      fields: { available: 'true' },
      expected: { id: URL_A, url: URL_A, weight: 1 },
    },
    {
      desc: 'draining true is kept (label spelling, any case)',
      fields: { Draining: 'TRUE' },
      expected: { id: URL_A, url: URL_A, weight: 1, draining: true },
    },
    {
      desc: 'draining false normalises to absent',
      fields: { draining: false },
      expected: { id: URL_A, url: URL_A, weight: 1 },
    },
    {
      desc: 'both',
      fields: { available: 'f', draining: '1' },
      expected: { id: URL_A, url: URL_A, weight: 1, available: false, draining: true },
    },
  ])('$desc', ({ fields, expected }) => {
    const { servers, errors } = validateServer(fields);
    expect(errors).toEqual([]);
    expect(servers).toStrictEqual([expected]);
  });

  it('rejects a value that is not a boolean, naming the path', () => {
    const { errors } = validateServer({ draining: 'soon' });
    expect(errors).toMatchObject([
      { path: 'http.services.s.loadBalancer.servers[0].draining', message: 'must be true or false' },
    ]);
  });

  it('is idempotent: validating the normalised form changes nothing', () => {
    const first = validateDynamicConfig({
      http: { services: { s: { loadBalancer: { servers: [{ url: URL_A, available: false, draining: true }] } } } },
    });
    const second = validateDynamicConfig(first.config);
    expect(second.config).toStrictEqual(first.config);
  });
});
