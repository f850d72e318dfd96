/**
 * Fuzzing of the Docker label translation (issue #11: no label can crash, stall or silently
 * change Junction). Generated containers and options go through `containersToConfig`, which must
 * never throw and must refuse bad labels with coded errors naming the container and a label it
 * carries; what it accepts must re-validate cleanly, with rules that parse, and a well-labelled
 * sentinel container must keep serving whatever its neighbours carry. Prints inputs run and
 * errors by code. Bigger run: `JUNCTION_FUZZ_SCALE=10`; other samples: `JUNCTION_FUZZ_SEED=<seed>|random`.
 */
import { configEquals, LB_ERROR_CODES, parseRule, validateDynamicConfig } from '@junction/lb-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { containers, translateOptions } from '../../../test/fuzz/label-arbitraries';
import { parseConstraints } from './constraints';
import type { DockerContainer } from './container';
import { containersToConfig, type DockerTranslateOptions } from './containers-to-config';
import { DOCKER_ERROR_CODES } from './errors';
import { compileRuleTemplate, RuleTemplateError } from './template';

const SCALE = Math.max(0, Number(process.env.JUNCTION_FUZZ_SCALE ?? '1') || 1);
const SEED = process.env.JUNCTION_FUZZ_SEED;
/** One input slower than this is reported as a (near-)hang. */
const SLOW_INPUT_MS = 1_000;
const params = (runs: number): fc.Parameters<unknown> => ({
  numRuns: Math.round(runs * SCALE),
  interruptAfterTimeLimit: 40_000 * Math.max(1, SCALE),
  // CI runs one fixed, reproducible sample; `JUNCTION_FUZZ_SEED=random` explores.
  seed: SEED === undefined ? 20_261_206 : SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED),
});

const CODES = new Set<string>([...Object.keys(DOCKER_ERROR_CODES), ...Object.keys(LB_ERROR_CODES)]);
/** Labels an error may name that the container does not carry: where to set the missing value. */
const ADVICE = [
  /^traefik\.port$/,
  /^traefik\.[^.]+\.port$/,
  /^traefik\.http\.services\.[^.]+\.loadbalancer\.server\.port$/,
  /^traefik\.http\.routers\.[^.]+\.service$/,
];
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).sort();

const outcomes = new Map<string, number>();
let inputs = 0;
const slow: { input: string; ms: number }[] = [];
const started = performance.now();
afterAll(() => {
  const byCode = [...outcomes]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `lb-server Docker label fuzz: ${inputs} inputs (container sets and templates) in ${seconds} s; by outcome: ${byCode}`,
  );
});
const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

/** A well-labelled container that must keep serving whatever its neighbours carry. */
const SENTINEL: DockerContainer = {
  id: 'f'.repeat(64),
  name: 'fuzzsentinel',
  labels: {
    'traefik.enable': 'true',
    'traefik.docker.network': 'net',
    'traefik.http.routers.fuzzsentinel.rule': 'Host(`sentinel.test`)',
    'traefik.http.services.fuzzsentinel.loadbalancer.server.port': '80',
  },
  state: 'running',
  health: 'none',
  created: 0,
  networkMode: 'net',
  networks: [{ name: 'net', ip: '172.30.0.9' }],
  ports: [],
};

/** True when the container carries the label, or labels under it (`traefik.http.routerz` for `traefik.http.routerz.a.rule`). */
function carries(container: DockerContainer, label: string): boolean {
  const lower = label.toLowerCase();
  return (
    Object.hasOwn(container.labels, label) ||
    Object.keys(container.labels).some((key) => key.toLowerCase().startsWith(`${lower}.`))
  );
}

/** True when the constraints compile and admit the container. */
function admits(constraints: string | undefined, container: DockerContainer): boolean {
  try {
    return parseConstraints(constraints)(container.labels);
  } catch {
    return false;
  }
}

function translateChecked(all: readonly DockerContainer[], options: DockerTranslateOptions): void {
  const result = containersToConfig(all, options);
  const byName = new Map(all.map((c) => [c.name, c]));
  for (const e of result.errors) {
    count(e.code);
    check(CODES.has(e.code) && e.message.startsWith(`${e.code}: `), `uncoded error: ${e.message}`);
    const owner = e.container === undefined ? undefined : byName.get(e.container);
    check(e.container === undefined || owner !== undefined, `error names no input container: ${e.message}`);
    if (e.label !== undefined && owner !== undefined && !carries(owner, e.label)) {
      check(
        ADVICE.some((re) => re.test(e.label ?? '')) || e.label === 'providers.docker.defaultRule',
        `error names label ${e.label}, which ${owner.name} does not carry: ${e.message}`,
      );
    }
  }
  const again = validateDynamicConfig(result.config, { provider: 'docker' });
  check(
    again.errors.length === 0,
    `accepted configuration does not re-validate: ${again.errors.map((e) => e.message).join('; ')}`,
  );
  check(configEquals(again.config, result.config), 'accepted configuration changes when validated again');
  for (const [name, router] of Object.entries(result.config.http.routers ?? {})) {
    try {
      parseRule(router.rule, { syntax: router.ruleSyntax ?? 'auto' });
    } catch (error) {
      throw new Error(`accepted router ${name} has a rule that does not parse: ${String(error)}`);
    }
  }
  check(
    JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) === JSON.stringify(PROTOTYPE_NAMES),
    'Object.prototype was changed',
  );
  const sentinelApplies = all.includes(SENTINEL) && admits(options.constraints, SENTINEL);
  if (sentinelApplies)
    check(
      result.config.http.routers?.fuzzsentinel?.service === 'fuzzsentinel',
      `the sentinel stopped serving: ${result.errors.map((e) => e.message).join('; ')}`,
    );
  count(
    `routers ${Math.min(Object.keys(result.config.http.routers ?? {}).length, 3)}${Object.keys(result.config.http.routers ?? {}).length >= 3 ? '+' : ''}`,
  );
}

describe('Docker label translation fuzzing: no crash, no hang, coded errors naming the label', () => {
  it('generated containers translate to a valid configuration or coded errors, and never disturb a good neighbour', () => {
    fc.assert(
      fc.property(containers, translateOptions, fc.boolean(), (list, options, withSentinel) => {
        const all = withSentinel ? [...list, SENTINEL] : list;
        const start = performance.now();
        inputs += 1;
        try {
          translateChecked(all, options);
        } finally {
          const ms = performance.now() - start;
          if (ms > SLOW_INPUT_MS)
            slow.push({ input: JSON.stringify({ all, options }).slice(0, 2_000), ms: Math.round(ms) });
        }
      }),
      params(25_000),
    );
    expect(slow).toEqual([]);
  }, 120_000);

  it('defaultRule templates compile or throw RuleTemplateError, and render or throw RuleTemplateError', () => {
    const pieces = fc.constantFrom(
      '{{',
      '}}',
      '{{-',
      '-}}',
      ' ',
      '.Name',
      '.ContainerName',
      '.Labels',
      '.Labels.a',
      '.Labels.__proto__',
      'index',
      'normalize',
      'lower',
      'default',
      '|',
      '(',
      ')',
      '"x"',
      '"\\x41"',
      '"\\q"',
      '`y`',
      'Host(`',
      '`)',
      'é',
      '"',
    );
    const model = fc.record({
      Name: fc.string(),
      ContainerName: fc.string(),
      Labels: fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'b.c'), fc.string()),
    });
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), model, (parts, m) => {
        inputs += 1;
        let render;
        try {
          render = compileRuleTemplate(parts.join(''));
        } catch (error) {
          check(error instanceof RuleTemplateError, `compile threw ${String(error)}`);
          count('template LB_DOCKER_TEMPLATE');
          return;
        }
        try {
          check(typeof render(m) === 'string', 'render gave no string');
          count('template rendered');
        } catch (error) {
          check(error instanceof RuleTemplateError, `render threw ${String(error)}`);
          count('template render LB_DOCKER_TEMPLATE');
        }
      }),
      params(5_000),
    );
  }, 60_000);
});
