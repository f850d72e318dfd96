/**
 * Filtering, sorting and pagination of the API's lists, with Traefik's query parameters and
 * semantics (traefik `pkg/api/criterion.go`, `sort.go`):
 *
 * - `status` matches case-insensitively; `search` is a case-insensitive substring of the name
 *   (and, for routers, of the rule); routers also filter by `serviceName` and `middlewareName`.
 *   Junction adds `provider` (exact, case-insensitive), and lets an unqualified `serviceName` /
 *   `middlewareName` match any provider's element of that name.
 * - `sortBy` picks a column (unknown → `name`), `direction` is `asc` (default) or `desc`; ties
 *   are broken by name.
 * - `page` (from 1) and `per_page` (default 100) slice the result; the `X-Next-Page` header
 *   gives the next page, or 1 on the last one. A page past the end is an error (Traefik: 400).
 */
import { PROVIDER_SEPARATOR } from '@junction/lb-core';

/** Traefik's default page size. */
export const DEFAULT_PER_PAGE = 100;
/** The response header carrying the next page number. */
export const NEXT_PAGE_HEADER = 'X-Next-Page';

/** The list query parameters. */
export interface ListQuery {
  readonly search?: string;
  readonly status?: string;
  readonly provider?: string;
  readonly serviceName?: string;
  readonly middlewareName?: string;
  readonly sortBy?: string;
  readonly direction?: 'asc' | 'desc';
  readonly page?: number;
  readonly per_page?: number;
}

/** What the filters look at in a listed element. */
export interface Filterable {
  readonly name: string;
  readonly provider: string;
  readonly status: string;
  /** Extra text `search` looks in (a router's rule). */
  readonly rule?: string;
  /** A router's service. */
  readonly service?: string;
  /** A router's middlewares. */
  readonly middlewares?: readonly string[];
}

const lower = (s: string): string => s.toLowerCase();
const bareName = (name: string): string => name.split(PROVIDER_SEPARATOR)[0] ?? name;

/** `wanted` names `actual`: the same qualified name, or an unqualified name of the same element. */
function namesElement(wanted: string, actual: string): boolean {
  return wanted === actual || (!wanted.includes(PROVIDER_SEPARATOR) && wanted === bareName(actual));
}

/** True when `item` passes every filter set in `query`. */
export function keep(item: Filterable, query: ListQuery): boolean {
  const { search, status, provider, serviceName, middlewareName } = query;
  if (status !== undefined && status !== '' && lower(status) !== lower(item.status)) return false;
  if (provider !== undefined && provider !== '' && lower(provider) !== lower(item.provider)) return false;
  if (search !== undefined && search !== '') {
    const needle = lower(search);
    if (![item.name, item.rule ?? ''].some((text) => lower(text).includes(needle))) return false;
  }
  if (serviceName !== undefined && serviceName !== '') {
    if (item.service === undefined || !namesElement(serviceName, item.service)) return false;
  }
  if (middlewareName !== undefined && middlewareName !== '') {
    if (!(item.middlewares ?? []).some((m) => namesElement(middlewareName, m))) return false;
  }
  return true;
}

/** A sort column: a key per item, compared as number or string. */
export type SortKey<T> = (item: T) => string | number;

/** Sorts `items` (in place) by `columns[sortBy]` (default: name), ties by name; returns them. */
export function sortItems<T extends { readonly name: string }>(
  items: T[],
  columns: Readonly<Record<string, SortKey<T>>>,
  sortBy: string | undefined,
  direction: 'asc' | 'desc' | undefined,
): T[] {
  const key = (sortBy === undefined ? undefined : columns[sortBy]) ?? ((item: T) => item.name);
  const sign = direction === 'desc' ? -1 : 1;
  const cmp = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);
  return items.sort((a, b) => sign * (cmp(key(a), key(b)) || cmp(a.name, b.name)));
}

/** One page of a list, or why the page does not exist. */
export type Page<T> =
  | { readonly ok: true; readonly items: readonly T[]; readonly nextPage: number }
  | { readonly ok: false; readonly message: string };

/** Slices `items` as Traefik's `pagination` does. */
export function paginate<T>(items: readonly T[], page = 1, perPage = DEFAULT_PER_PAGE): Page<T> {
  const start = (page - 1) * perPage;
  if (start !== 0 && start >= items.length) {
    return { ok: false, message: `invalid request: page: ${page}, per_page: ${perPage}` };
  }
  const nextPage = page * perPage < items.length ? page + 1 : 1;
  return { ok: true, items: items.slice(start, start + perPage), nextPage };
}
