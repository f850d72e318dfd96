/**
 * Service validation, composite services: weighted, mirroring and failover services normalised with
 * Traefik's defaults.
 */
import { describe, expect, it } from 'vitest';
import { validateService } from '../../test/support/service-validation';

describe('composite services: normalisation', () => {
  it.each([
    {
      desc: 'weighted: weight defaults to 1',
      input: {
        weighted: {
          services: [{ name: 'a', weight: '3' }, { name: 'b' }],
          sticky: { cookie: { name: 'w' } },
          healthCheck: {},
        },
      },
      expected: {
        weighted: {
          services: [
            { name: 'a', weight: 3 },
            { name: 'b', weight: 1 },
          ],
          sticky: { cookie: { name: 'w' } },
          healthCheck: {},
        },
      },
    },
    {
      desc: 'mirroring: Traefik defaults',
      input: { mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 10 }] } },
      expected: {
        mirroring: { service: 'a', mirrors: [{ name: 'b', percent: 10 }], maxBodySize: -1, mirrorBody: true },
      },
    },
    {
      desc: 'failover',
      input: { failover: { service: 'a', fallback: 'b' } },
      expected: { failover: { service: 'a', fallback: 'b' } },
    },
  ])('$desc', ({ input, expected }) => {
    const { config, errors } = validateService(input);
    expect(errors).toEqual([]);
    expect(config.http.services?.s).toStrictEqual(expected);
  });
});
