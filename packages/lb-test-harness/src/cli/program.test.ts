import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Actions, BenchCliOptions, CompareOptions, SimulateOptions } from './options';
import { createProgram } from './program';
import { assignments, httpUrl, idList, intAtLeast, numberIn, oneOf } from './parsers';

/** Parses argv with recording actions; returns what the action got, or the error output. */
async function parse(args: string[]): Promise<{ command?: string; options?: unknown; error?: string }> {
  const got: { command?: string; options?: unknown } = {};
  const actions: Actions = {
    simulate: async (o: SimulateOptions) => void Object.assign(got, { command: 'simulate', options: o }),
    compare: async (o: CompareOptions) => void Object.assign(got, { command: 'compare', options: o }),
    bench: async (o: BenchCliOptions) => void Object.assign(got, { command: 'bench', options: o }),
  };
  let error = '';
  const program = createProgram(actions);
  const quiet = (c: Command): void => {
    c.exitOverride().configureOutput({ writeErr: (s) => (error += s), writeOut: (s) => (error += s) });
    c.commands.forEach(quiet);
  };
  quiet(program);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch {
    return { error };
  }
  return got;
}

describe('lb-harness command line', () => {
  it('gives compare its defaults', async () => {
    const { command, options } = await parse(['compare']);
    expect(command).toBe('compare');
    expect(options).toMatchObject({
      strategies: ['round-robin', 'weighted', 'sticky', 'p2c', 'consistent-hash'],
      requests: 1200,
      seconds: 6,
      rate: 300,
      clients: 24,
      warmup: 100,
      path: '/session',
      distinctIps: true,
      junction: 'auto',
      healthInterval: 500,
      out: 'reports',
      report: true,
      progress: true,
      delay: {},
      failRate: {},
    });
    expect((options as CompareOptions).scenarios).toBeUndefined();
  });
  it('parses compare options', async () => {
    const { options } = await parse([
      'compare',
      '--scenarios',
      'kill,sessions',
      '--strategies',
      'sticky,p2c',
      '--requests',
      '300',
      '--seconds',
      '2.5',
      '--servers',
      '2',
      '--delay',
      's2=100',
      '--delay',
      's1=5',
      '--fail-rate',
      's1=0.1',
      '--target',
      'http://127.0.0.1:8080',
      '--no-distinct-ips',
      '--no-report',
      '--no-progress',
      '--junction',
      'source',
    ]);
    expect(options).toMatchObject({
      scenarios: ['kill', 'sessions'],
      strategies: ['sticky', 'p2c'],
      requests: 300,
      seconds: 2.5,
      servers: 2,
      delay: { s2: 100, s1: 5 },
      failRate: { s1: 0.1 },
      target: 'http://127.0.0.1:8080/',
      distinctIps: false,
      report: false,
      progress: false,
      junction: 'source',
    });
  });
  it('parses bench options', async () => {
    const { command, options } = await parse([
      'bench',
      '--targets',
      'direct,junction',
      '--duration',
      '1',
      '--rounds',
      '1',
      '--warmup',
      '0',
    ]);
    expect(command).toBe('bench');
    expect(options).toMatchObject({
      targets: ['direct', 'junction'],
      duration: 1,
      rounds: 1,
      warmup: 0,
      idle: 2,
      connections: 50,
      generator: 'auto',
    });
    expect(options).toMatchObject({
      parts: ['throughput', 'workers', 'memory', 'https'],
      pin: 'auto',
      retryDisturbed: 2,
      workers: [1, 2],
      routes: [10, 1000, 3000],
      rewrites: 3,
      settle: 2000,
      handshakeClients: 8,
    });
  });
  it('parses the bench parts, pinning, worker and route counts', async () => {
    const { options } = await parse([
      'bench',
      '--parts',
      'memory,workers,https',
      '--pin',
      'off',
      '--retry-disturbed',
      '0',
      '--workers',
      '4,1,2',
      '--routes',
      '100,10',
      '--rewrites',
      '1',
      '--settle',
      '300',
      '--handshake-clients',
      '3',
    ]);
    expect(options).toMatchObject({
      parts: ['memory', 'workers', 'https'],
      pin: 'off',
      retryDisturbed: 0,
      workers: [1, 2, 4],
      routes: [10, 100],
      rewrites: 1,
      settle: 300,
      handshakeClients: 3,
    });
  });
  it('parses simulate options', async () => {
    const { options } = await parse(['simulate', '--seed', '9', '--strategies', 'all']);
    expect(options).toMatchObject({
      seed: 9,
      requests: 3000,
      strategies: ['round-robin', 'weighted', 'sticky', 'p2c', 'consistent-hash', 'least-connections'],
    });
  });
  it.each([
    { args: ['compare', '--strategies', 'fastest'], message: "unknown 'fastest'" },
    { args: ['compare', '--requests', '0'], message: 'expected a whole number ≥ 1' },
    { args: ['compare', '--fail-rate', 's1=2'], message: 'expected a number from 0 to 1' },
    { args: ['compare', '--target', 'ftp://x'], message: 'expected an http:// or https:// URL' },
    {
      args: ['bench', '--targets', 'envoy'],
      message:
        'expected a comma-separated list of: direct, reference, junction, fastify-http-proxy, nginx, haproxy, caddy',
    },
    {
      args: ['bench', '--parts', 'latency'],
      message: 'expected a comma-separated list of: throughput, workers, memory, https',
    },
    { args: ['bench', '--routes', '10,x'], message: "expected a whole number ≥ 1, got 'x'" },
    { args: ['bench', '--pin', 'cpu1'], message: 'expected one of auto, off' },
    { args: ['bench', '--generator', 'ab'], message: 'expected one of auto, wrk, builtin' },
  ])('rejects $args', async ({ args, message }) => {
    const { error } = await parse(args);
    expect(error).toContain(message);
  });
  it('documents every command in --help', async () => {
    const { error } = await parse(['--help']);
    expect(error).toMatch(/simulate[\s\S]*compare[\s\S]*bench/);
  });
});

describe('parsers', () => {
  it.each([
    { value: intAtLeast(0)('7'), expected: 7 },
    { value: numberIn(0, 1)('0.25'), expected: 0.25 },
    { value: idList(['a', 'b'] as const)('b,a,b'), expected: ['b', 'a'] },
    { value: idList(['a', 'b'] as const)('all'), expected: ['a', 'b'] },
    { value: oneOf(['x', 'y'] as const)('y'), expected: 'y' },
    { value: assignments(0, 10)('a=1, b=2', { c: 3 }), expected: { c: 3, a: 1, b: 2 } },
    { value: httpUrl('http://127.0.0.1:80/x'), expected: 'http://127.0.0.1/x' },
  ])('→ $expected', ({ value, expected }) => {
    expect(value).toEqual(expected);
  });
  it.each([
    () => intAtLeast(1)('1.5'),
    () => numberIn(0, 1)(''),
    () => idList(['a'] as const)(''),
    () => assignments(0, 1)('a'),
  ])('throws for bad input %#', (fn) => {
    expect(fn).toThrow(/expected|unknown/);
  });
});
