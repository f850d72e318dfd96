import { describe, expect, it } from 'vitest';
import { ServerStatsRecorder } from '../dashboard/server-stats';
import { PeerStats } from './stats-sync';

describe('peer statistics', () => {
  it("adds the figures another worker exported to this worker's own", () => {
    let now = 100_000;
    const clock = (): number => now;
    const mine = new ServerStatsRecorder({ now: clock });
    const theirs = new ServerStatsRecorder({ now: clock });
    for (let i = 0; i < 4; i++) mine.record('s', 'a', 200, 10);
    for (let i = 0; i < 6; i++) theirs.record('s', 'a', 500, 30);
    for (let i = 0; i < 10; i++) theirs.record('s', 'b', 200, 20);
    const peers = new PeerStats();
    peers.set('1', theirs.exportRecent());
    mine.setPeers(peers);
    now += 500;
    const stats = mine.serviceStats('s', ['a', 'b']);
    expect(stats.get('a')).toMatchObject({ rps: 1, errorRate: 0.6, p50: 30, share: 0.5 });
    expect(stats.get('b')).toMatchObject({ rps: 1, errorRate: 0, p50: 20, share: 0.5 });
    expect(stats.get('a')?.series.at(-1)).toBe(10);
  });

  it('exports only the seconds still in the history and the durations still in the window', () => {
    let now = 1_000_000;
    const recorder = new ServerStatsRecorder({ now: () => now, windowSeconds: 10, historySeconds: 60 });
    recorder.record('s', 'a', 200, 5);
    now += 30_000;
    recorder.record('s', 'a', 200, 7);
    const [one] = recorder.exportRecent();
    expect(one).toMatchObject({ service: 's', server: 'a', counts: [1, 1], durations: [7] });
    now += 60_000;
    expect(recorder.exportRecent()).toEqual([]);
  });

  it('replaces what a peer sent before', () => {
    const peers = new PeerStats();
    peers.set('1', [
      { service: 's', server: 'a', seconds: [5], counts: [3], errors: [1], durations: [1], stamps: [5_000] },
    ]);
    peers.set('1', [{ service: 's', server: 'a', seconds: [5], counts: [2], errors: [0], durations: [], stamps: [] }]);
    peers.set('2', [
      { service: 's', server: 'a', seconds: [5], counts: [4], errors: [4], durations: [9], stamps: [5_100] },
    ]);
    expect(peers.at('s', 'a', 5)).toEqual({ count: 6, errors: 4 });
    expect(peers.durations('s', 'a', 5_000)).toEqual([9]);
  });
});
