/**
 * The tree Traefik's label decoder (`label.DecodeConfiguration`) builds from v2/v3 labels: keys
 * split on dots and matched case-insensitively, a conflict between a value and keys under it
 * reported, indexed keys (`domains[0]`) turned into lists; and small helpers to read the plain
 * objects it becomes. Used by `readV2Labels`.
 */

/** Label keys as a tree, by lower-cased segment; each node keeps its spelling and first label. */
export type Tree = Map<string, { key: string; label: string; value?: string; children?: Tree }>;

/** Inserts one label; returns the label it conflicts with (a leaf where a node is needed, or vice versa). */
export function insert(tree: Tree, path: readonly string[], value: string, label: string): string | undefined {
  let level = tree;
  for (const [i, part] of path.entries()) {
    const lower = part.toLowerCase();
    let node = level.get(lower);
    if (node === undefined) {
      node = { key: part, label };
      level.set(lower, node);
    }
    if (i === path.length - 1) {
      if (node.children !== undefined && value.trim().toLowerCase() !== 'true') return node.label;
      if (node.value !== undefined) return node.label;
      node.value = value;
      return undefined;
    }
    // `sticky.cookie=true` beside `sticky.cookie.name=x`: the options imply the flag.
    if (node.value !== undefined && node.value.trim().toLowerCase() !== 'true') return node.label;
    node.children ??= new Map();
    level = node.children;
  }
  return undefined;
}

const INDEXED_KEY = /^(.+)\[(\d+)\]$/;

/**
 * The tree as plain objects with own properties only (`fromEntries`: a `__proto__` key stays a key,
 * reported as unknown). Indexed keys (`domains[0]`, `domains[1]`) become a list under their base
 * name, in index order, as Traefik's label decoder builds slices (`tls.domains[0].main`).
 */
export function toObject(tree: Tree): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  const lists = new Map<string, [number, unknown][]>();
  for (const node of tree.values()) {
    const value = node.children === undefined ? node.value : toObject(node.children);
    const indexed = INDEXED_KEY.exec(node.key);
    const base = indexed?.[1];
    if (base === undefined || base === '__proto__' || tree.has(base.toLowerCase())) entries.push([node.key, value]);
    else {
      const list = lists.get(base.toLowerCase()) ?? [];
      if (list.length === 0) lists.set(base.toLowerCase(), list);
      list.push([Number(indexed?.[2]), value]);
      if (list.length === 1) entries.push([base, list]);
    }
  }
  return Object.fromEntries(
    entries.map(([key, value]) => [
      key,
      Array.isArray(value) ? [...(value as [number, unknown][])].sort(([a], [b]) => a - b).map(([, v]) => v) : value,
    ]),
  );
}

/** A plain object (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when a plain object, else an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A field of `object` by case-insensitive name. */
export function get(object: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(object).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : object[key];
}
