/**
 * The skeleton of a dynamic configuration, checked before any element is read: the root is a
 * map of known sections (`http`, `tcp`, `udp`, `tls`), each section a map of known kinds, each
 * kind a map from element name to an element that is itself a map (or, for `tls.certificates`, a
 * list of maps). A mistake at this level (`http.routers: 5`, `http: []`, `htp:`, a router written
 * as a string, a mis-indented key) cannot be pinned on one element: reading on would silently
 * drop every element below it. So such an error is *structural* (`LB_CONFIG_STRUCTURE`): the
 * snapshot is refused as a whole and the provider's last good snapshot keeps serving, as Traefik
 * refuses a file it cannot decode. Everything inside an element is left to the element readers,
 * whose errors disable only their element. `null` stands for an empty map at every level above
 * elements (a section whose content is commented out). Keys match case-insensitively.
 */
import { joinPath, isRecord } from './field-reader';
import { closest } from './suggest';
import type { ConfigError } from './types';

/** The code of a structural error. */
export const STRUCTURE_ERROR_CODE = 'LB_CONFIG_STRUCTURE';

/** How one kind holds its elements. */
type Holder = 'map' | 'list';

/** Kinds per section, with the word for one element (for messages) and how they are held. */
const SKELETON: Readonly<Record<string, Readonly<Record<string, readonly [string, Holder]>>>> = {
  http: {
    routers: ['router', 'map'],
    services: ['service', 'map'],
    middlewares: ['middleware', 'map'],
    serversTransports: ['servers transport', 'map'],
    models: ['model', 'map'],
  },
  tcp: {
    routers: ['router', 'map'],
    services: ['service', 'map'],
    middlewares: ['middleware', 'map'],
    serversTransports: ['servers transport', 'map'],
  },
  udp: { routers: ['router', 'map'], services: ['service', 'map'] },
  tls: { certificates: ['certificate', 'list'], options: ['TLS option', 'map'], stores: ['TLS store', 'map'] },
};

const MAX_SHOWN = 40;

/** True for an error that refuses the whole snapshot (see module comment). */
export function isStructuralError(error: { readonly code?: string }): boolean {
  return error.code === STRUCTURE_ERROR_CODE;
}

/** What a value is, for "expected …, found …" messages: `a number (5)`, `a list`, `null`. */
export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (null)';
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty list' : `a list (${value.length} item${value.length === 1 ? '' : 's'})`;
  if (isRecord(value)) return 'a map';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  const kind =
    typeof value === 'string'
      ? 'a string'
      : typeof value === 'number'
        ? 'a number'
        : typeof value === 'boolean'
          ? 'a boolean'
          : `a ${typeof value}`;
  return `${kind} (${shown})`;
}

/** The structural errors of `input` (none: its skeleton is sound). Never throws. */
export function checkStructure(input: unknown): ConfigError[] {
  const errors: ConfigError[] = [];
  const add = (path: string, message: string): void => {
    errors.push({ path, code: STRUCTURE_ERROR_CODE, message });
  };
  if (input === null || input === undefined) return errors;
  if (!isRecord(input)) {
    add('', `the configuration must be a map of sections (http, tcp, udp, tls), found ${describeFound(input)}`);
    return errors;
  }
  for (const [key, section, value] of knownKeys(input, '', Object.keys(SKELETON), add)) {
    const path = joinPath('', key);
    if (value === null || value === undefined) continue;
    if (!isRecord(value)) {
      add(path, `expected a map (${Object.keys(SKELETON[section] ?? {}).join(', ')}), found ${describeFound(value)}`);
      continue;
    }
    const kinds = SKELETON[section] ?? {};
    for (const [kindKey, kind, elements] of knownKeys(value, path, Object.keys(kinds), add)) {
      const [word, holder] = kinds[kind] ?? ['element', 'map'];
      checkElements(elements, joinPath(path, kindKey), word, holder, add);
    }
  }
  return errors;
}

/**
 * The entries of `object` whose keys are among `known` (any case), as `[key as written, known
 * name, value]`; unknown and duplicate keys are reported.
 */
function knownKeys(
  object: Record<string, unknown>,
  path: string,
  known: readonly string[],
  add: (path: string, message: string) => void,
): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(object)) {
    const name = known.find((k) => k.toLowerCase() === key.toLowerCase());
    const here = joinPath(path, key);
    if (name === undefined) {
      const hint = closest(key.toLowerCase(), known);
      const where = path === '' ? 'top-level key' : `key in ${path}`;
      add(
        here,
        `unknown ${where} '${key}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; expected one of ${known.join(', ')}`,
      );
      continue;
    }
    const previous = seen.get(name);
    if (previous !== undefined) {
      add(here, `'${previous}' and '${key}' name the same key (keys are case-insensitive)`);
      continue;
    }
    seen.set(name, key);
    out.push([key, name, value]);
  }
  return out;
}

function checkElements(
  value: unknown,
  path: string,
  word: string,
  holder: Holder,
  add: (path: string, message: string) => void,
): void {
  if (value === null || value === undefined) return;
  if (holder === 'list') {
    if (!Array.isArray(value)) {
      add(path, `expected a list of ${word}s, found ${describeFound(value)}`);
      return;
    }
    value.forEach((item: unknown, index) => {
      if (!isRecord(item))
        add(`${path}[${index}]`, `expected a ${word} (a map of its settings), found ${describeFound(item)}`);
    });
    return;
  }
  if (!isRecord(value)) {
    add(path, `expected a map from ${word} name to ${word}, found ${describeFound(value)}`);
    return;
  }
  for (const [name, element] of Object.entries(value)) {
    if (isRecord(element)) continue;
    add(
      joinPath(path, name),
      `expected a ${word} (a map of its settings), found ${describeFound(element)}; check the indentation`,
    );
  }
}
