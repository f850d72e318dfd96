/**
 * Drives bounded load through the proxy until the request budget or the time budget is spent
 * (whichever first), while scenario events (kill, restart, add) fire at their fraction of the
 * run. Each request goes to a randomly chosen idle client, so no client keeps a fixed place in
 * the arrival order — with a fixed order, 24 clients over 3 servers would each meet the same
 * server under round-robin every time and look "sticky". Requests may be paced to an aggregate
 * rate, so a run lasts long enough for health checks and reloads to show. At most one request
 * per client is in flight. Each answer becomes a {@link RequestRecord}.
 */
import { dueEvents, progressOf } from '../model/schedule';
import type { RequestRecord, ScenarioEvent } from '../model/types';
import type { ClientAnswer, HttpClient } from './client';

/** Options of {@link driveLoad}. */
export interface DriveOptions {
  readonly clients: readonly HttpClient[];
  readonly maxRequests: number;
  readonly maxMs: number;
  /**
   * Aggregate pace, requests per second: request n is not sent before n / rate seconds (when
   * behind, it goes as soon as a client is idle). 0 or absent: as fast as the clients go.
   */
  readonly ratePerSecond?: number;
  /** Maps a reported `server.id` to a server name. */
  readonly nameOf: (serverId: string) => string;
  readonly events?: readonly ScenarioEvent[];
  /** Carries out an event; the event's time is taken when it resolves. */
  readonly onEvent?: (event: ScenarioEvent) => Promise<void>;
  /** Called for each record (progress bars). */
  readonly onRecord?: (record: RequestRecord) => void;
  /** Chooses among idle clients. Default `Math.random`. */
  readonly random?: () => number;
}

/** What a bounded run produced. */
export interface DriveResult {
  readonly records: RequestRecord[];
  readonly fired: { readonly event: ScenarioEvent; readonly t: number }[];
  readonly elapsedMs: number;
}

/** Turns an answer into a record; updates the client's session count. */
export function toRecord(
  client: Pick<HttpClient, 'id' | 'session' | 'sessionHits'>,
  t: number,
  answer: ClientAnswer,
  nameOf: (id: string) => string,
): RequestRecord {
  const ok = answer.status >= 200 && answer.status < 300;
  const server = answer.serverId === undefined ? undefined : nameOf(answer.serverId);
  let stateLost: boolean | undefined;
  if (client.session && ok && answer.count !== undefined) {
    client.sessionHits++;
    stateLost = answer.count !== client.sessionHits;
  }
  return {
    t,
    client: client.id,
    session: client.session,
    ...(server === undefined ? {} : { server }),
    ok,
    latencyMs: answer.latencyMs,
    ...(stateLost === undefined ? {} : { stateLost }),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs the load and the scenario's events; resolves when the first budget is spent. */
export async function driveLoad(o: DriveOptions): Promise<DriveResult> {
  const records: RequestRecord[] = [];
  const fired: { event: ScenarioEvent; t: number }[] = [];
  const events = o.events ?? [];
  const random = o.random ?? Math.random;
  const start = performance.now();
  const elapsed = (): number => performance.now() - start;
  const interval = o.ratePerSecond !== undefined && o.ratePerSecond > 0 ? 1000 / o.ratePerSecond : 0;
  let sent = 0;
  const spent = (): boolean => sent >= o.maxRequests || elapsed() >= o.maxMs;

  const idle = [...o.clients];
  const inFlight = new Set<Promise<void>>();
  let wake: (() => void) | undefined;
  const send = (client: HttpClient): void => {
    const t = elapsed();
    const p: Promise<void> = client.send().then((answer) => {
      const record = toRecord(client, t, answer, o.nameOf);
      records.push(record);
      o.onRecord?.(record);
      idle.push(client);
      inFlight.delete(p);
      wake?.();
    });
    inFlight.add(p);
  };
  /**
   * Fires the events due at the progress made so far, one caller at a time: the scheduler (for
   * time) and the dispatcher before each request (for requests), so a fast run cannot send past an
   * event between two of the scheduler's looks and end without it.
   */
  let firing: Promise<void> = Promise.resolve();
  const fireDue = (): Promise<void> =>
    (firing = firing.then(async () => {
      const progress = progressOf({ requests: sent, maxRequests: o.maxRequests, elapsedMs: elapsed(), maxMs: o.maxMs });
      for (const event of dueEvents(events, progress, fired.length)) {
        await o.onEvent?.(event);
        fired.push({ event, t: elapsed() });
      }
    }));
  const dispatcher = async (): Promise<void> => {
    while (!spent()) {
      const wait = sent * interval - elapsed();
      if (wait > 0) await sleep(wait);
      if (elapsed() >= o.maxMs) break;
      if (fired.length < events.length) await fireDue();
      while (idle.length === 0) await new Promise<void>((r) => (wake = r));
      const [client] = idle.splice(Math.min(idle.length - 1, Math.floor(random() * idle.length)), 1);
      sent++;
      send(client as HttpClient);
    }
    await Promise.all(inFlight);
  };
  const scheduler = async (): Promise<void> => {
    while (fired.length < events.length && !spent()) {
      await fireDue();
      await sleep(10);
    }
  };
  await Promise.all([dispatcher(), scheduler()]);
  return { records: records.sort((a, b) => a.t - b.t), fired, elapsedMs: elapsed() };
}
