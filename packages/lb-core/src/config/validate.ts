/**
 * Validation of one provider's dynamic configuration: `unknown` (parsed YAML, translated labels)
 * in, `{ config, errors }` out. Keys are case-insensitive as in Traefik and normalised to
 * camelCase; unknown keys are errors with their path. One bad element never rejects the others:
 * `config` keeps the valid elements (names sorted) and `errors` names the rejected ones.
 * Rules are not parsed here; the route table reports rule errors. A structural error (see
 * `structure.ts`: a section or element map of the wrong type, an unknown section) refuses the
 * whole snapshot instead: `config` is empty and every error has code `LB_CONFIG_STRUCTURE`, so
 * providers and the watcher keep the last good snapshot rather than serve an empty one.
 */
import { ErrorSink } from './error-sink';
import { FieldReader, isRecord, joinPath, readObject } from './field-reader';
import { parseQualifiedName } from './qualified-name';
import { resolveReferences, type ReferenceResolver } from './references';
import { checkStructure } from './structure';
import type { MiddlewareConfig } from './middleware-types';
import type {
  ConfigElementKind,
  ConfigError,
  ConfigValidationResult,
  DynamicConfig,
  RouterConfig,
  ServiceConfig,
  TlsConfig,
} from './types';
import { readMiddleware } from './validate-middleware';
import { readRouter } from './validate-router';
import { readService } from './validate-service';
import { readTlsSection } from './validate-tls';

/** Options of {@link validateDynamicConfig}. */
export interface ValidateOptions {
  /**
   * The provider the snapshot comes from. References qualified with it (`web@docker` from
   * `docker`) are checked like unqualified ones; other qualified references are left to
   * {@link checkReferences} after merging.
   */
  readonly provider?: string;
  /** Check references between the snapshot's own elements (default `true`). */
  readonly checkReferences?: boolean;
}

/** Traefik sections Junction does not implement, by parent path. */
const UNSUPPORTED_SECTIONS: Readonly<Record<string, readonly string[]>> = {
  '': ['tcp', 'udp'],
  http: ['models', 'serversTransports'],
};

/** Validates and normalises one provider's configuration; never throws. */
export function validateDynamicConfig(input: unknown, options: ValidateOptions = {}): ConfigValidationResult {
  const errors: ConfigError[] = [];
  const sink = new ErrorSink(errors);
  const sections = {
    routers: new Map<string, RouterConfig>(),
    services: new Map<string, ServiceConfig>(),
    middlewares: new Map<string, MiddlewareConfig>(),
  };
  const rejected = { services: new Set<string>(), middlewares: new Set<string>() };
  let tls: TlsConfig | undefined;
  const structural = checkStructure(input);
  if (structural.length > 0) return { config: emptyConfig(), errors: structural };
  if (input !== null && input !== undefined && isRecord(input)) {
    readObject(input, '', sink, (top) => {
      reportUnsupported(top, '');
      top.object('http', (http) => {
        reportUnsupported(http, 'http');
        sections.routers = readElements(http, 'routers', 'router', readRouter, new Set());
        sections.services = readElements(http, 'services', 'service', readService, rejected.services);
        sections.middlewares = readElements(http, 'middlewares', 'middleware', readMiddleware, rejected.middlewares);
        return true;
      });
      tls = top.object('tls', readTlsSection);
      return true;
    });
  }
  const config: DynamicConfig = {
    http: {
      routers: Object.fromEntries(sections.routers),
      services: Object.fromEntries(sections.services),
      middlewares: Object.fromEntries(sections.middlewares),
    },
    ...(tls === undefined ? {} : { tls }),
  };
  if (options.checkReferences === false) return { config, errors };
  return { config: resolveReferences(config, localResolver(options.provider), errors, rejected), errors };
}

function emptyConfig(): DynamicConfig {
  return { http: { routers: {}, services: {}, middlewares: {} } };
}

/** Options of {@link checkReferences} and {@link pruneBrokenReferences}. */
export interface CheckReferencesOptions {
  /** Providers whose elements are not in the merged configuration, e.g. `internal` (`api@internal`). */
  readonly ignoreProviders?: readonly string[];
}

/**
 * Checks the references of a merged configuration (every name qualified): each must name an
 * element that exists and is not itself disabled. Returns the errors; each names the element it
 * disables. lb-server runs this after merging all providers.
 */
export function checkReferences(merged: DynamicConfig, options: CheckReferencesOptions = {}): readonly ConfigError[] {
  return pruneBrokenReferences(merged, options).errors;
}

/** Like {@link checkReferences}, and also returns the configuration without the disabled elements. */
export function pruneBrokenReferences(
  merged: DynamicConfig,
  options: CheckReferencesOptions = {},
): ConfigValidationResult {
  const errors: ConfigError[] = [];
  const ignored = new Set(options.ignoreProviders ?? []);
  const resolve: ReferenceResolver = (reference) => {
    const { provider } = parseQualifiedName(reference);
    return provider !== undefined && ignored.has(provider) ? undefined : reference;
  };
  return { config: resolveReferences(merged, resolve, errors), errors };
}

/** Formats an error for a log line: `http.routers.api.rule: must not be empty`. */
export function formatConfigError(error: ConfigError): string {
  return error.path === '' ? error.message : `${error.path}: ${error.message}`;
}

function localResolver(provider: string | undefined): ReferenceResolver {
  return (reference) => {
    const parsed = parseQualifiedName(reference);
    if (parsed.provider === undefined) return reference;
    return parsed.provider === provider ? parsed.name : undefined;
  };
}

function reportUnsupported(reader: FieldReader, path: string): void {
  for (const section of UNSUPPORTED_SECTIONS[path] ?? []) {
    const taken = reader.take(section);
    if (taken !== undefined)
      reader.sink.add(joinPath(path, section), `the ${section} section is not supported by Junction`);
  }
}

/** Reads one element map; valid elements come back sorted by name, rejected names go to `rejected`. */
function readElements<T>(
  http: FieldReader,
  key: string,
  kind: ConfigElementKind,
  read: (reader: FieldReader) => T | undefined,
  rejected: Set<string>,
): Map<string, T> {
  const valid = new Map<string, T>();
  const taken = http.take(key);
  if (taken === undefined) return valid;
  if (!isRecord(taken.value)) {
    http.sink.add(taken.path, `must be a map from ${kind} name to ${kind}`);
    return valid;
  }
  const entries = Object.entries(taken.value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of entries) {
    const path = joinPath(taken.path, name);
    const sink = http.sink.forElement(kind, name);
    const before = sink.count;
    if (name.trim() === '' || name.includes('@'))
      sink.add(path, `invalid ${kind} name '${name}': must be non-empty and without '@'`);
    const element = readObject(value, path, sink, read);
    if (element === undefined && sink.count === before) sink.add(path, `invalid ${kind}`);
    if (element !== undefined && sink.count === before) valid.set(name, element);
    else rejected.add(name);
  }
  return valid;
}
