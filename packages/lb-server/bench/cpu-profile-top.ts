/**
 * Prints the top self-time frames of a V8 `.cpuprofile` (what `node --cpu-prof` writes; see
 * `pinned.bench.ts` `BENCH_CPU_PROF`), grouped by function, file and line, as a markdown table:
 * `tsx bench/cpu-profile-top.ts <file.cpuprofile> [count=10]`. Idle and GC time are listed too,
 * so the shares add up to the whole profile.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly hitCount?: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time (µs) per frame key, from the samples and their time deltas. */
export function selfTimes(profile: Profile): Map<string, number> {
  const keyOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url
      .replace(/^file:\/\//, '')
      .replace(/^.*\/node_modules\//, '~/')
      .replace(/^.*\/packages\//, '');
    keyOf.set(node.id, `${functionName || '(anonymous)'} ${file === '' ? '' : `${file}:${lineNumber + 1}`}`.trim());
  }
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const key = keyOf.get(id) ?? '?';
    times.set(key, (times.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return times;
}

const [file, countArg] = process.argv.slice(2);
if (file !== undefined) {
  const times = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const total = [...times.values()].reduce((a, b) => a + b, 0);
  const busy = total - (times.get('(idle)') ?? 0);
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy`);
  console.log('| # | self % of busy | frame |\n|---:|---:|---|');
  const top = [...times]
    .filter(([k]) => k !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(countArg ?? 10));
  top.forEach(([key, us], i) => console.log(`| ${i + 1} | ${((100 * us) / busy).toFixed(1)} | \`${key}\` |`));
}
