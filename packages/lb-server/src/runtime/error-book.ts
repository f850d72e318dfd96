/**
 * Collects the errors of one configuration and attaches each to the element it concerns
 * (Traefik's `AddError` in `runtime_http.go`): provider errors (names still unqualified, located
 * by their dotted path), reference errors from lb-core (which name their element), and errors the
 * runtime build finds itself. An error that names no element, or that refused a whole snapshot,
 * is kept in the global list only.
 */
import { isStructuralError, parseQualifiedName, qualifyName, type ConfigElementKind } from '@junction/lb-core';
import type { ConfigErrorLike } from '../providers/provider';
import type { ElementError, ElementStatus } from './runtime';

/** An error as it reaches the build: from a provider (tagged with it) or from merging. */
export type IncomingError = ConfigErrorLike & {
  readonly provider?: string;
  readonly element?: { readonly kind: ConfigElementKind; readonly name: string };
};

const SECTION_KIND: Readonly<Record<string, ConfigElementKind>> = {
  routers: 'router',
  services: 'service',
  middlewares: 'middleware',
};
const ELEMENT_PATH = /^http\.(routers|services|middlewares)\.([^.[\]]+)/;

/** The element a path such as `http.routers.api.rule` designates, if any. */
export function elementOfPath(path: string | undefined): { kind: ConfigElementKind; name: string } | undefined {
  const match = path === undefined ? null : ELEMENT_PATH.exec(path);
  const section = match?.[1];
  const name = match?.[2];
  if (section === undefined || name === undefined) return undefined;
  const kind = SECTION_KIND[section];
  return kind === undefined ? undefined : { kind, name };
}

/** Errors by element (see module comment). */
export class ErrorBook {
  readonly all: ElementError[] = [];
  readonly #byElement = new Map<string, ElementError[]>();

  /**
   * Adds an error from a provider or from merging, attached to the element it names, if any. A
   * structural error refused a whole snapshot, so it stays global even when its path names an
   * element (`http.services.x: expected a service…`): the element still serving is the old one.
   */
  addIncoming(error: IncomingError): void {
    const { element: given, provider, ...rest } = error;
    const element = isStructuralError(error) ? undefined : (given ?? elementOfPath(error.path));
    const entry: ElementError = {
      ...rest,
      code: error.code ?? 'LB_CONFIG_INVALID',
      ...(provider === undefined ? {} : { provider }),
    };
    this.all.push(entry);
    if (element === undefined) return;
    const name = provider === undefined ? element.name : qualifyName(element.name, provider);
    this.#attach(element.kind, name, entry);
  }

  /** Adds an error the build found on element `name` (qualified). */
  add(kind: ConfigElementKind, name: string, code: string, message: string, path?: string): void {
    const entry: ElementError = { code, message, ...(path === undefined ? {} : { path }) };
    this.all.push(entry);
    this.#attach(kind, name, entry);
  }

  /** Adds, on element `name`, that the service or middleware `ref` it uses is disabled by its own errors. */
  addDisabledRef(
    kind: ConfigElementKind,
    name: string,
    target: 'service' | 'middleware',
    ref: string,
    path: string,
  ): void {
    const code = target === 'service' ? 'LB_CONFIG_UNKNOWN_SERVICE' : 'LB_CONFIG_UNKNOWN_MIDDLEWARE';
    this.add(kind, name, code, `${target} '${ref}' is disabled (see its errors)`, path);
  }

  /** Attaches the errors of element `from` to `to` as well (a router's entry-point copy, see `entry-point-tls.ts`). */
  alias(kind: ConfigElementKind, from: string, to: string): void {
    for (const entry of this.of(kind, from)) this.#attach(kind, to, entry);
  }

  /** The errors attached to an element. */
  of(kind: ConfigElementKind, name: string): readonly ElementError[] {
    return this.#byElement.get(`${kind}\u0000${name}`) ?? [];
  }

  /** Traefik's status of an element: disabled when not live, warning when live with errors. */
  status(kind: ConfigElementKind, name: string, live: boolean): ElementStatus {
    if (!live) return 'disabled';
    return this.of(kind, name).length > 0 ? 'warning' : 'enabled';
  }

  /** Qualified names of the elements of `kind` that have errors. */
  names(kind: ConfigElementKind): string[] {
    const prefix = `${kind}\u0000`;
    return [...this.#byElement.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
  }

  #attach(kind: ConfigElementKind, name: string, entry: ElementError): void {
    const key = `${kind}\u0000${name}`;
    const list = this.#byElement.get(key);
    if (list === undefined) this.#byElement.set(key, [entry]);
    else list.push(entry);
  }
}

/** The provider part of a qualified name (`api@docker` → `docker`), `''` when unqualified. */
export function providerOf(name: string): string {
  return parseQualifiedName(name).provider ?? '';
}
