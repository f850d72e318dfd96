import { describe, expect, it } from 'vitest';
import { ServerStatsRecorder } from '../dashboard/server-stats';
import { toRuntimeServer } from '../runtime/runtime-server';
import { ServerCounters } from './record';

describe('ServerCounters', () => {
  const server = (url: string) => toRuntimeServer({ id: url, url, weight: 1 });

  it('asks the sink once per server object, and again once the sink retired the counter', () => {
    const recorder = new ServerStatsRecorder({ now: () => 5_000_000 });
    const asked: string[] = [];
    const counters = new ServerCounters({
      counter: (service, id) => {
        asked.push(`${service} ${id}`);
        return recorder.counter(service, id);
      },
    });
    const a = server('http://127.0.0.1:1');
    const b = server('http://127.0.0.1:2');
    for (let i = 0; i < 3; i++) counters.of('app@file', a).record(200, 1);
    counters.of('app@file', b).record(500, 1);
    expect(asked).toEqual(['app@file http://127.0.0.1:1', 'app@file http://127.0.0.1:2']);
    expect(recorder.serviceStats('app@file', [a.id, b.id]).get(a.id)).toMatchObject({ rps: 0.3, share: 0.75 });

    // The server leaves the configuration (its figures are dropped), then comes back on the same object.
    recorder.retain((_service, id) => id !== a.id);
    counters.of('app@file', a).record(200, 1);
    expect(asked).toHaveLength(3);
    expect(recorder.serviceStats('app@file', [a.id]).get(a.id)?.rps).toBe(0.1);
  });

  it('keeps the same server id in two services apart (one counter per server object)', () => {
    const recorder = new ServerStatsRecorder({ now: () => 5_000_000 });
    const counters = new ServerCounters(recorder);
    const url = 'http://127.0.0.1:3';
    counters.of('one@file', server(url)).record(200, 1);
    counters.of('two@file', server(url)).record(200, 1);
    counters.of('two@file', server(url)).record(200, 1);
    expect(recorder.serviceStats('one@file', [url]).get(url)?.rps).toBe(0.1);
    expect(recorder.serviceStats('two@file', [url]).get(url)?.rps).toBe(0.2);
  });
});
