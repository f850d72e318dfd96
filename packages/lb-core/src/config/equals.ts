/**
 * Structural equality and a canonical JSON form for configuration data, with JSON's semantics:
 * object key order does not matter, `undefined` properties count as absent, array order matters.
 * The watcher uses {@link configEquals} to drop a snapshot identical to the previous one.
 */

/** True when `a` and `b` are structurally equal plain data (JSON semantics; see the module comment). */
export function configEquals(a: unknown, b: unknown): boolean {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => configEquals(item, b[i]))
    );
  }
  const left = definedEntries(a);
  const right = new Map(definedEntries(b));
  return (
    left.length === right.size && left.every(([key, value]) => right.has(key) && configEquals(value, right.get(key)))
  );
}

/**
 * JSON with object keys sorted at every level and `undefined` properties dropped, so equal
 * configurations give equal strings (usable as a cache key or a cheap change detector).
 */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : stableStringify(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = definedEntries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableStringify(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function definedEntries(object: object): [string, unknown][] {
  return Object.entries(object).filter(([, value]) => value !== undefined);
}
