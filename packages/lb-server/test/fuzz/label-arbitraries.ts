/**
 * Fuzz-only generators of Docker containers for the label translation fuzz test: label sets made
 * of the keys of `label-keys.ts` (Traefik v1 and v2/v3 form, in any case, with typos, unsupported
 * and malformed keys, prototype names) and the values of `label-values.ts` (shaped for each key or
 * hostile), compose replicas that pool or conflict, odd networks and ports, and provider options.
 */
import fc from 'fast-check';
import type { DockerContainer } from '../../src/providers/docker/container';
import type { DockerTranslateOptions } from '../../src/providers/docker/containers-to-config';
import { labelKey } from './label-keys';
import { labelValue } from './label-values';

const labelEntry = labelKey.chain((k) => fc.tuple(fc.constant(k), labelValue));
/** A label set (as Docker's JSON gives it: `__proto__` is an own key like any other). */
export const labelSet = fc
  .array(labelEntry, { maxLength: 8 })
  .map((entries) => Object.fromEntries(entries) as Record<string, string>);

const NETWORKS = [
  { name: 'net', ip: '172.20.0.2' },
  { name: 'other', ip: '10.0.0.3' },
  { name: 'v6', ip: 'fd00::2' },
  { name: 'noip', ip: '' },
];
const PORTS = [
  { privatePort: 3000, type: 'tcp' as const },
  { privatePort: 80, type: 'tcp' as const, hostIp: '0.0.0.0', hostPort: 8080 },
  { privatePort: 53, type: 'udp' as const },
  { privatePort: 443, type: 'tcp' as const, hostIp: '::', hostPort: 8443 },
];

/** Containers with generated labels; compose identities make replicas that pool or conflict. */
export const containers: fc.Arbitrary<DockerContainer[]> = fc
  .array(
    fc.record({
      base: fc.constantFrom('web', 'api', 'db', '__proto__', 'constructor', 'x y'),
      labels: labelSet,
      compose: fc.option(
        fc.tuple(fc.constantFrom('lab', '__proto__'), fc.constantFrom('dynamic', 'static', 'constructor'), fc.nat(3)),
      ),
      state: fc.constantFrom('running', 'running', 'running', 'exited', 'paused'),
      health: fc.constantFrom('none' as const, 'healthy' as const, 'starting' as const, 'unhealthy' as const),
      created: fc.integer({ min: 0, max: 2_000_000_000 }),
      networkMode: fc.constantFrom('default', 'net', 'host', 'none', 'container:c0', 'container:gone'),
      networks: fc.subarray(NETWORKS),
      ports: fc.subarray(PORTS),
      draining: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((records) =>
    records.map((r, i): DockerContainer => {
      const compose: Record<string, string> =
        r.compose === null
          ? {}
          : {
              'com.docker.compose.project': r.compose[0],
              'com.docker.compose.service': r.compose[1],
              'com.docker.compose.container-number': String(r.compose[2]),
            };
      return {
        id: `c${i}${'0'.repeat(63)}`.slice(0, 64),
        name: i === 0 ? r.base : `${r.base}_${i}`,
        labels: { ...compose, ...r.labels },
        state: r.state,
        health: r.health,
        created: r.created,
        networkMode: r.networkMode,
        networks: r.networks,
        ports: r.ports,
        ...(r.draining ? { draining: true } : {}),
      };
    }),
  );

/** Provider options: Traefik's defaults, or odd networks, default rules and constraints. */
export const translateOptions: fc.Arbitrary<DockerTranslateOptions> = fc.record({
  exposedByDefault: fc.boolean(),
  network: fc.constantFrom(undefined, undefined, 'net', 'missing', ''),
  useBindPortIP: fc.boolean(),
  defaultRule: fc.constantFrom(
    'Host(`{{ normalize .Name }}`)',
    'Host(`{{ normalize .Name }}`)',
    'Host(`{{ index .Labels "__proto__" }}x`)',
    'Host(`{{ .Labels.constructor }}`)',
    'Host(`{{ .Nme }}`)',
    '{{ "\\x41" }}',
    'Host(`{{',
    '',
    '{{ .Labels }}',
  ),
  constraints: fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('Label(`a`, `b`)', '!LabelRegex(`traefik.enable`, `(a+)+$`)', 'Label(`a`', 'Foo()'),
    },
  ),
});
