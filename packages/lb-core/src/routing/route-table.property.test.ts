import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestFacts } from '../rules/ast';
import { compileRoutes } from './route-table';
import type { CompiledRoute, RouteInput, RouteTable } from './route-table';

const HOSTS = ['a.com', 'b.com', 'A.com.', 'c.org'];
const PATHS = ['/', '/a', '/ab', '/a/b', '/b'];

/** Rules mixing pinned and unpinned shapes, so every index path gets exercised. */
const rule = fc.oneof(
  fc.constantFrom(...HOSTS).map((h) => `Host(\`${h}\`)`),
  fc
    .tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...PATHS))
    .map(([h, p]) => `Host(\`${h}\`) && PathPrefix(\`${p}\`)`),
  fc
    .tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...HOSTS))
    .map(([h1, h2]) => `Host(\`${h1}\`) || Host(\`${h2}\`)`),
  fc.constantFrom(...PATHS).map((p) => `PathPrefix(\`${p}\`)`),
  fc.constantFrom(...PATHS).map((p) => `Path(\`${p}\`)`),
  fc
    .tuple(fc.constantFrom(...PATHS), fc.constantFrom(...PATHS))
    .map(([p1, p2]) => `Path(\`${p1}\`) || PathPrefix(\`${p2}\`)`),
  fc.constantFrom(...HOSTS).map((h) => `!Host(\`${h}\`)`),
  fc.constantFrom(
    'HostRegexp(`^[ab]\\.com$`)',
    'Method(`POST`)',
    'PathRegexp(`^/a`)',
    'Host(`a.com`) || PathPrefix(`/b`)',
  ),
  fc.constantFrom(...HOSTS).map((h) => `Host:${h};PathPrefix:/a`),
  // v3 wildcards and the bare *, v1 bracketed hosts (issue #13)
  fc.constantFrom(
    'Host(`*.a.com`)',
    'Host(`*.A.com.`)',
    'Host(`*`)',
    'Host(`*.`)',
    'Host(`*a.com`)',
    'Host(`*.a.com`) && Host(`x.a.com`)',
    'Host(`*.a.com`) || Host(`b.com`)',
  ),
  fc.constantFrom('Host:[x.a.com]', 'Host:[::1]', 'Host(`::1`)', 'Host(`[::1]`)'),
);

const routeInput: fc.Arbitrary<Omit<RouteInput<number>, 'data' | 'name'>> = fc.record(
  {
    rule,
    priority: fc.integer({ min: -2, max: 40 }),
    entryPoints: fc.subarray(['web', 'websecure']),
    order: fc.integer({ min: 0, max: 3 }),
  },
  { requiredKeys: ['rule'] },
);

const request: fc.Arbitrary<RequestFacts> = fc.record({
  method: fc.constantFrom('GET', 'POST'),
  host: fc.oneof(
    fc.constantFrom(...HOSTS, 'A.COM:8080', 'a.com.', 'x.net', ''),
    fc.constantFrom(
      'x.a.com',
      'X.A.COM:80',
      '.a.com',
      'y.x.a.com',
      'x.a.com.',
      'x.a.com..',
      'foo.',
      'localhost',
      '[::1]',
      '[::1]:80',
      '::1',
      '[x.a.com]',
      '[x.a.com]:1',
      ' x.a.com ',
    ),
    fc.string(),
  ),
  path: fc.oneof(fc.constantFrom(...PATHS, '/abc', '/a/b/c', ''), fc.string()),
  query: fc.constant(''),
  headers: fc.constant({}),
  clientIp: fc.constant('127.0.0.1'),
});

/** The reference: the first route in table order accepted by entry point and rule. */
function linearScan(
  table: RouteTable<number>,
  facts: RequestFacts,
  entryPoint: string | undefined,
): CompiledRoute<number> | undefined {
  return table.routes.find(
    (r) =>
      (r.entryPoints === undefined ||
        r.entryPoints.length === 0 ||
        entryPoint === undefined ||
        r.entryPoints.includes(entryPoint)) &&
      r.matches(facts),
  );
}

describe('RouteTable index', () => {
  it('returns the same route as a linear scan over the sorted routes', () => {
    fc.assert(
      fc.property(
        fc.array(routeInput, { maxLength: 25 }),
        fc.array(fc.tuple(request, fc.constantFrom(undefined, 'web', 'websecure')), { minLength: 1, maxLength: 10 }),
        (inputs, requests) => {
          const { table, errors } = compileRoutes(inputs.map((input, i) => ({ ...input, name: `r${i}`, data: i })));
          expect(errors).toEqual([]);
          for (const [facts, entryPoint] of requests)
            expect(table.match(facts, entryPoint)).toBe(linearScan(table, facts, entryPoint));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('sorts by priority, then order, then name', () => {
    fc.assert(
      fc.property(fc.array(routeInput, { maxLength: 25 }), (inputs) => {
        const { table } = compileRoutes(inputs.map((input, i) => ({ ...input, name: `r${i % 5}`, data: i })));
        const keys = table.routes.map((r) => [-r.priority, inputs[r.data]?.order ?? r.data, r.name, r.data] as const);
        const sorted = [...keys].sort(
          (a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || a[3] - b[3],
        );
        expect(keys).toEqual(sorted);
      }),
    );
  });
});
