import { describe, expect, it } from 'vitest';
import { keep, paginate, sortItems, type Filterable, type ListQuery } from './criterion';

const router: Filterable = {
  name: 'api@docker',
  provider: 'docker',
  status: 'enabled',
  rule: 'Host(`API.example`)',
  service: 'jokes@docker',
  middlewares: ['strip@file', 'auth@docker'],
};

describe('keep', () => {
  it.each<{ desc: string; query: ListQuery; expected: boolean }>([
    { desc: 'no criteria', query: {}, expected: true },
    { desc: 'empty criteria (Traefik: none)', query: { search: '', status: '', provider: '' }, expected: true },
    { desc: 'status, any case', query: { status: 'Enabled' }, expected: true },
    { desc: 'another status', query: { status: 'disabled' }, expected: false },
    { desc: 'search in the name', query: { search: 'API@' }, expected: true },
    { desc: 'search in the rule', query: { search: 'api.EXAMPLE' }, expected: true },
    { desc: 'search matching nothing', query: { search: 'jokes' }, expected: false },
    { desc: 'provider, any case', query: { provider: 'Docker' }, expected: true },
    { desc: 'another provider', query: { provider: 'file' }, expected: false },
    { desc: 'qualified service name', query: { serviceName: 'jokes@docker' }, expected: true },
    { desc: 'unqualified service name', query: { serviceName: 'jokes' }, expected: true },
    { desc: 'service of another provider', query: { serviceName: 'jokes@file' }, expected: false },
    { desc: 'middleware of another provider', query: { middlewareName: 'strip@file' }, expected: true },
    { desc: 'unqualified middleware', query: { middlewareName: 'auth' }, expected: true },
    { desc: 'absent middleware', query: { middlewareName: 'auth@file' }, expected: false },
    {
      desc: 'all criteria together',
      query: { status: 'enabled', search: 'api', provider: 'docker', serviceName: 'jokes' },
      expected: true,
    },
  ])('$desc → $expected', ({ query, expected }) => {
    expect(keep(router, query)).toBe(expected);
  });

  it('filters service and middleware names out of elements that have none', () => {
    expect(keep({ name: 's@file', provider: 'file', status: 'enabled' }, { serviceName: 's' })).toBe(false);
    expect(keep({ name: 's@file', provider: 'file', status: 'enabled' }, { middlewareName: 'm' })).toBe(false);
  });
});

describe('sortItems', () => {
  const items = () => [
    { name: 'b', priority: 2 },
    { name: 'c', priority: 1 },
    { name: 'a', priority: 2 },
  ];
  const columns = { priority: (i: { priority: number }) => i.priority };

  it.each<{ sortBy: string | undefined; direction: 'asc' | 'desc' | undefined; expected: string[] }>([
    { sortBy: undefined, direction: undefined, expected: ['a', 'b', 'c'] },
    { sortBy: undefined, direction: 'desc', expected: ['c', 'b', 'a'] },
    { sortBy: 'priority', direction: 'asc', expected: ['c', 'a', 'b'] },
    { sortBy: 'priority', direction: 'desc', expected: ['b', 'a', 'c'] },
    { sortBy: 'unknown', direction: 'asc', expected: ['a', 'b', 'c'] },
  ])('sortBy=$sortBy direction=$direction → $expected', ({ sortBy, direction, expected }) => {
    expect(sortItems(items(), columns, sortBy, direction).map((i) => i.name)).toEqual(expected);
  });
});

describe('paginate', () => {
  const five = ['a', 'b', 'c', 'd', 'e'];

  it.each([
    { page: undefined, perPage: undefined, items: five, next: 1 },
    { page: 1, perPage: 2, items: ['a', 'b'], next: 2 },
    { page: 2, perPage: 2, items: ['c', 'd'], next: 3 },
    { page: 3, perPage: 2, items: ['e'], next: 1 },
    { page: 1, perPage: 5, items: five, next: 1 },
  ])('page $page of $perPage → $items, next $next', ({ page, perPage, items, next }) => {
    expect(paginate(five, page, perPage)).toEqual({ ok: true, items, nextPage: next });
  });

  it('refuses a page past the end, but not the first page of an empty list', () => {
    expect(paginate(five, 4, 2)).toEqual({ ok: false, message: 'invalid request: page: 4, per_page: 2' });
    expect(paginate([], 1, 10)).toEqual({ ok: true, items: [], nextPage: 1 });
  });
});
