/**
 * The proxy's per-request metrics path without per-request allocations: a
 * {@link RequestRecorder} is bound to one entry point, router and service (made once per router
 * of a runtime, see `proxy/record.ts`) and finds the label sets' {@link Series} through nested
 * maps keyed by status code, method and protocol — values the request already holds, so no
 * record object, label array, joined key or status string is made per request. What it counts
 * is exactly what {@link Metrics.recordRequest} counts for the same request.
 *
 * A recorder's cache is dropped when the metrics prune series (a reload removed elements), so it
 * never counts into a series the registry no longer exports.
 */
import type { RequestFamily } from './request-family';
import type { Series } from './plain-series';

/** Counts requests of one entry point / router / service triple. */
export interface RequestRecorder {
  record(code: number, method: string, protocol: string, durationSeconds: number): void;
}

/** The three families a request is counted in (each absent when disabled). */
export interface RecorderFamilies {
  readonly entryPoints: RequestFamily | undefined;
  readonly routers: RequestFamily | undefined;
  readonly services: RequestFamily | undefined;
  /** Bumped by every prune: recorders then forget the series they found. */
  epoch: number;
}

/** The series of one label set in each family (undefined where the family or element is absent). */
interface Bound {
  readonly entryPoint: Series | undefined;
  readonly router: Series | undefined;
  readonly service: Series | undefined;
}

type Cache = Map<number, Map<string, Map<string, Bound>>>;

/** See module comment. `router`/`service` undefined: the request matched no router. */
export class BoundRecorder implements RequestRecorder {
  readonly #families: RecorderFamilies;
  readonly #entryPoint: string;
  readonly #router: string | undefined;
  readonly #service: string | undefined;
  #cache: Cache = new Map();
  #epoch: number;

  constructor(families: RecorderFamilies, entryPoint: string, router: string | undefined, service: string | undefined) {
    this.#families = families;
    this.#entryPoint = entryPoint;
    this.#router = router;
    this.#service = service;
    this.#epoch = families.epoch;
  }

  record(code: number, method: string, protocol: string, durationSeconds: number): void {
    const families = this.#families;
    if (this.#epoch !== families.epoch) {
      this.#epoch = families.epoch;
      this.#cache = new Map();
    }
    let byMethod = this.#cache.get(code);
    if (byMethod === undefined) this.#cache.set(code, (byMethod = new Map()));
    let byProtocol = byMethod.get(method);
    if (byProtocol === undefined) byMethod.set(method, (byProtocol = new Map()));
    let bound = byProtocol.get(protocol);
    if (bound === undefined) byProtocol.set(protocol, (bound = this.#bind(String(code), method, protocol)));
    if (bound.entryPoint !== undefined) families.entryPoints?.count(bound.entryPoint, durationSeconds);
    if (bound.router !== undefined) families.routers?.count(bound.router, durationSeconds);
    if (bound.service !== undefined) families.services?.count(bound.service, durationSeconds);
  }

  /** The series `recordRequest` would count this label set in. */
  #bind(code: string, method: string, protocol: string): Bound {
    const { entryPoints, routers, services } = this.#families;
    const router = this.#router;
    const service = this.#service;
    return {
      entryPoint: entryPoints?.series([code, method, protocol, this.#entryPoint]),
      router: router === undefined ? undefined : routers?.series([code, method, protocol, router, service ?? '']),
      service: service === undefined ? undefined : services?.series([code, method, protocol, service]),
    };
  }
}
