/**
 * Reads one router. The rule is only checked to be a non-empty string: the route table parses
 * it and reports rule errors with their offsets. References to services and middlewares are
 * checked later, by `references.ts`.
 */
import { compact, readObject, type FieldReader } from './field-reader';
import type { RouterConfig, RouterTlsConfig } from './types';

const RULE_SYNTAXES = ['v1', 'v2', 'v3'] as const;

/** Rejects blank names inside lists (`middlewares: ['a', '']`). */
export function nonBlank(item: string): string | undefined {
  return item.trim() === '' ? 'must not be empty' : undefined;
}

/** Reads a router element. */
export function readRouter(r: FieldReader): RouterConfig | undefined {
  const rule = r.string('rule', { required: true, nonEmpty: true });
  const ruleSyntax = r.choice('ruleSyntax', RULE_SYNTAXES);
  const service = r.string('service', { required: true, nonEmpty: true });
  const middlewares = r.strings('middlewares', { check: nonBlank });
  const priority = r.int('priority');
  const entryPoints = r.strings('entryPoints', { check: nonBlank });
  const tls = readTls(r);
  if (rule === undefined || service === undefined) return undefined;
  return compact({ rule, ruleSyntax, service, middlewares, priority, entryPoints, tls });
}

/** `tls: true` (a label) or an empty `tls:` enables TLS options with defaults; `false` omits them. */
function readTls(r: FieldReader): RouterTlsConfig | undefined {
  const taken = r.take('tls', true);
  if (taken === undefined) return undefined;
  const flag = typeof taken.value === 'string' ? taken.value.trim().toLowerCase() : taken.value;
  if (flag === null || flag === true || flag === 'true') return {};
  if (flag === false || flag === 'false') return undefined;
  return readObject(taken.value, taken.path, r.sink, (t) =>
    compact({
      options: t.string('options', { nonEmpty: true }),
      certResolver: t.string('certResolver', { nonEmpty: true }),
      domains: t.list('domains', (value, path) =>
        readObject(value, path, t.sink, (d) =>
          compact({ main: d.string('main', { nonEmpty: true }), sans: d.strings('sans', { check: nonBlank }) }),
        ),
      ),
    }),
  );
}
