/**
 * The `lb-harness` command line (commander): `simulate`, `compare` and `bench`, with typed,
 * validated options (types in options.ts) handed to injectable actions — so parsing is tested
 * without running anything.
 */
import { Command, Option } from 'commander';
import { SCENARIOS } from '../model/scenarios';
import { DEFAULT_STRATEGY_IDS, STRATEGIES } from '../model/strategies';
import type { StrategyId } from '../model/types';
import type { EntryPreference } from '../procs/node-entry';
import { BENCH_PARTS } from '../bench/run-bench';
import { TARGET_NAMES } from '../bench/targets';
import type { Actions, BenchCliOptions, CompareOptions, SimulateOptions } from './options';
import { assignments, httpUrl, idList, intAtLeast, intList, numberIn, oneOf } from './parsers';

const SCENARIO_IDS = SCENARIOS.map((s) => s.id);
const STRATEGY_IDS = STRATEGIES.map((s) => s.id).filter(
  (id): id is Exclude<StrategyId, 'as-configured'> => id !== 'as-configured',
);
const PREFERENCES: readonly EntryPreference[] = ['auto', 'dist', 'source'];

/** An option with a parser and a default shown as `shown` in `--help`. */
function opt<T>(
  flags: string,
  description: string,
  parse: (value: string, previous: T) => T,
  value: T,
  shown: string,
): Option {
  return new Option(flags, description).argParser(parse).default(value, shown);
}

/** `--strategies`, the same for `simulate` and `compare` (a fresh Option each: commander owns it). */
function strategiesOption(): Option {
  return opt(
    '--strategies <ids>',
    `strategies: ${STRATEGY_IDS.join(', ')}`,
    idList(STRATEGY_IDS),
    [...DEFAULT_STRATEGY_IDS],
    DEFAULT_STRATEGY_IDS.join(','),
  );
}

/** Builds the program; `actions` run the commands. */
export function createProgram(actions: Actions): Command {
  const program = new Command('lb-harness')
    .description("Compare Junction's balancing strategies and benchmark it against nginx, HAProxy and Caddy.")
    .showHelpAfterError();

  program
    .command('simulate')
    .description(
      "Deterministic in-process simulation of every scenario × strategy with lb-core's balancers " +
        '(virtual time, seeded).',
    )
    .addOption(
      opt('--scenarios <ids>', `scenarios: ${SCENARIO_IDS.join(', ')}`, idList(SCENARIO_IDS), [...SCENARIO_IDS], 'all'),
    )
    .addOption(strategiesOption())
    .option('--requests <n>', 'requests per run', intAtLeast(1), 3000)
    .option('--rps <n>', 'arrival rate, requests per virtual second', numberIn(1, 1e6), 600)
    .option('--clients <n>', 'simulated clients', intAtLeast(1), 30)
    .option('--seed <n>', 'random seed', intAtLeast(0), 1)
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--no-report', 'print the table only')
    .action((opts: SimulateOptions) => actions.simulate(opts));

  program
    .command('compare')
    .description(
      'Real traffic through Junction to jokes-api processes on loopback, per scenario × strategy; ' +
        'bounded by --requests and --seconds per run.',
    )
    .option(
      '--scenarios <ids>',
      `scenarios: ${SCENARIO_IDS.join(', ')} (default: all; with --target: equal, sessions)`,
      idList(SCENARIO_IDS),
    )
    .addOption(strategiesOption())
    .option('--requests <n>', 'request budget per run', intAtLeast(1), 1200)
    .option('--seconds <s>', 'time budget per run', numberIn(0.5, 600), 6)
    .option('--rate <rps>', 'aggregate pace in requests per second (0 = as fast as possible)', numberIn(0, 1e6), 300)
    .option('--clients <n>', 'simulated clients (concurrency)', intAtLeast(1), 24)
    .option('--warmup <n>', 'unrecorded requests before each run', intAtLeast(0), 100)
    .option('--servers <n>', "initial backends per scenario (default: the scenario's own, 2–3)", intAtLeast(1))
    .addOption(
      opt(
        '--delay <name=ms,…>',
        'extra latency per backend, e.g. s3=100',
        assignments(0, 60_000),
        {},
        "the scenario's",
      ),
    )
    .addOption(
      opt(
        '--fail-rate <name=p,…>',
        'failure probability per backend, e.g. s2=0.1',
        assignments(0, 1),
        {},
        "the scenario's",
      ),
    )
    .option(
      '--target <url>',
      'drive an already running stack instead (no processes started; strategy as configured)',
      httpUrl,
    )
    .option('--path <path>', 'path requested (jokes-api counts sessions on /session)', '/session')
    .option('--host <host>', 'Host header to send (for host rules of a running stack)')
    .option('--no-distinct-ips', 'do not give each client its own 127.x source address')
    .option('--junction <from>', `run lb-server from: ${PREFERENCES.join(', ')}`, oneOf(PREFERENCES), 'auto')
    .option('--health-interval <ms>', 'active health check interval written into the YAML', intAtLeast(50), 500)
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--no-report', 'print the table only')
    .option('--no-progress', 'no progress bar')
    .action((opts: CompareOptions) => actions.compare(opts));

  program
    .command('bench')
    .description(
      'Junction against a raw undici dispatch reference, @fastify/http-proxy, nginx, HAProxy and Caddy ' +
        '(one worker each; proxy pinned alone to a CPU when there are two), its workers scaling, ' +
        'its memory per route, and HTTPS against nginx (same certificate).',
    )
    .addOption(opt('--parts <ids>', `parts: ${BENCH_PARTS.join(', ')}`, idList(BENCH_PARTS), [...BENCH_PARTS], 'all'))
    .addOption(
      opt(
        '--targets <ids>',
        `throughput targets: ${TARGET_NAMES.join(', ')}`,
        idList(TARGET_NAMES),
        [...TARGET_NAMES],
        'all',
      ),
    )
    .option('--rounds <n>', 'rounds (each visits every target)', intAtLeast(1), 3)
    .option('--duration <s>', 'measured seconds per target per round', intAtLeast(1), 8)
    .option('--warmup <s>', 'unmeasured seconds before each measurement', intAtLeast(0), 3)
    .option('--idle <s>', 'seconds each throughput target sits idle once started, before its warm-up', intAtLeast(0), 2)
    .option('--connections <n>', 'concurrent keep-alive connections', intAtLeast(1), 50)
    .option(
      '--generator <name>',
      'load generator: auto (wrk if installed), wrk, builtin',
      oneOf(['auto', 'wrk', 'builtin'] as const),
      'auto',
    )
    .option('--junction <from>', `run lb-server from: ${PREFERENCES.join(', ')}`, oneOf(PREFERENCES), 'auto')
    .option(
      '--pin <mode>',
      'auto: with ≥ 2 CPUs, wrk and backends on one CPU and the proxy alone on another (taskset); off: never',
      oneOf(['auto', 'off'] as const),
      'auto',
    )
    .option(
      '--retry-disturbed <n>',
      "repeat a pinned round up to n times when other processes took > 10 % of the proxy's CPU, " +
        'keeping the least disturbed',
      intAtLeast(0),
      2,
    )
    .addOption(opt('--workers <counts>', 'Junction --workers counts of the scaling run', intList(1), [1, 2], '1,2'))
    .addOption(
      opt(
        '--routes <counts>',
        'route counts of the memory run (idle is always measured)',
        intList(1),
        [10, 1000, 3000],
        '10,1000,3000',
      ),
    )
    .option(
      '--rewrites <n>',
      'rewrites of the 1000-route file (or the middle count) in the memory run',
      intAtLeast(0),
      3,
    )
    .option('--settle <ms>', 'wait after a configuration is live before reading RSS', intAtLeast(0), 2000)
    .option('--handshake-clients <n>', 'concurrent openssl s_time clients of the HTTPS handshake run', intAtLeast(1), 8)
    .option('--out <dir>', 'where report folders go', 'reports')
    .option('--no-report', 'print the tables only')
    .action((opts: BenchCliOptions) => actions.bench(opts));

  return program;
}
