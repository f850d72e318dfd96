/**
 * Typed readers for label values the provider interprets itself (ports, weights, schemes, flags,
 * v1 header maps); every other value is checked by lb-core's validator. Each reader pushes a coded
 * error naming the container and the label and returns `undefined` on a bad value.
 */
import { dockerError, type DockerConfigError } from './errors';

/** Where errors go, and which container they belong to. */
export interface ValueContext {
  readonly container: string;
  readonly errors: DockerConfigError[];
}

/** An integer in `[min, max]`. */
export function readInt(ctx: ValueContext, label: string, text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  const n = /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
  ctx.errors.push(
    dockerError('LB_DOCKER_LABEL', `must be an integer from ${min} to ${max}, got '${text}'`, {
      container: ctx.container,
      label,
    }),
  );
  return undefined;
}

/** A boolean in Go's `ParseBool` words (`true`, `false`, `1`, `0`, `t`, `f`, any case). */
export function readBool(ctx: ValueContext, label: string, text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (['1', 't', 'true'].includes(word)) return true;
  if (['0', 'f', 'false'].includes(word)) return false;
  ctx.errors.push(
    dockerError('LB_DOCKER_LABEL', `must be true or false, got '${text}'`, { container: ctx.container, label }),
  );
  return undefined;
}

/** A server scheme: `http`, `https` or `h2c` (v1 `traefik.protocol`, v2 `…server.scheme`). */
export function readScheme(ctx: ValueContext, label: string, text: string): string | undefined {
  const scheme = text.trim().toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'h2c') return scheme;
  ctx.errors.push(
    dockerError('LB_DOCKER_LABEL', `must be http, https or h2c, got '${text}'`, { container: ctx.container, label }),
  );
  return undefined;
}

/** Traefik v1's map format `name:value||name:value` (custom headers, health-check headers). */
export function readV1Map(ctx: ValueContext, label: string, text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const pair of text.split('||')) {
    if (pair.trim() === '') continue;
    const colon = pair.indexOf(':');
    const name = colon < 0 ? '' : pair.slice(0, colon).trim();
    if (name === '') {
      ctx.errors.push(
        dockerError('LB_DOCKER_LABEL', `expected name:value pairs separated by ||, got '${pair}'`, {
          container: ctx.container,
          label,
        }),
      );
      return undefined;
    }
    // An own property even for `__proto__`, which plain assignment would turn into the prototype.
    Object.defineProperty(out, name, {
      value: pair.slice(colon + 1).trim(),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A comma-separated list, trimmed, without empty items. */
export function readList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
