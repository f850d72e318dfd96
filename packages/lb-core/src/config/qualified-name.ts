/**
 * Qualified names: every element of a merged configuration is named `name@provider`, so two
 * providers may both define `web`. A reference that already carries `@provider` points across
 * providers and is left alone. (traefik `pkg/provider/provider.go` `MakeQualifiedName`,
 * `GetQualifiedName`; element names may not contain `@`)
 */
import { createError } from '../errors';

/** The separator between an element's name and its provider. */
export const PROVIDER_SEPARATOR = '@';

/** A name split into its parts; `provider` is `undefined` for an unqualified name. */
export interface QualifiedName {
  readonly name: string;
  readonly provider: string | undefined;
}

/** True when `name` already names its provider (`web@docker`). */
export function isQualifiedName(name: string): boolean {
  return name.includes(PROVIDER_SEPARATOR);
}

/**
 * `name@provider`, or `name` unchanged when it is already qualified. Throws an
 * `LB_CONFIG_INVALID` {@link LbError} for an empty or `@`-containing provider name (a programming
 * error: provider names are fixed by the code that registers providers).
 */
export function qualifyName(name: string, provider: string): string {
  if (provider === '' || provider.includes(PROVIDER_SEPARATOR)) {
    throw createError(
      'LB_CONFIG_INVALID',
      `invalid provider name ${JSON.stringify(provider)}: must be non-empty and without '@'`,
      { provider },
    );
  }
  return isQualifiedName(name) ? name : `${name}${PROVIDER_SEPARATOR}${provider}`;
}

/** Splits `a@b` at the first `@` into `{ name: 'a', provider: 'b' }`; `a` gives `{ name: 'a', provider: undefined }`. */
export function parseQualifiedName(qualified: string): QualifiedName {
  const at = qualified.indexOf(PROVIDER_SEPARATOR);
  if (at < 0) return { name: qualified, provider: undefined };
  return { name: qualified.slice(0, at), provider: qualified.slice(at + 1) };
}
