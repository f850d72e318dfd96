import { describe, expect, it } from 'vitest';
import { quickstart } from '../examples/quickstart';

describe('the README quickstart', () => {
  it('routes, rewrites and balances as the README says', () => {
    const lines: string[] = [];
    quickstart((line) => lines.push(line));
    expect(lines[0]).toMatch(/^router broken disabled: LB_RULE_SYNTAX at 18: expected/);
    expect(lines[1]).toContain('→ router jokes');
    expect(lines[1]).toContain('upstream path /42');
    expect(lines[1]).toContain('"X-Forwarded-Prefix":"/api/jokes/"');
    expect(lines[2]).toBe('weighted 5,1,1: a a b a c a a');
    expect(lines[3]).toMatch(/^sticky first pick: static-1, Set-Cookie: _[0-9a-f]{8}=[0-9a-f]{16}; Path=\/; HttpOnly$/);
    expect(lines[4]).toBe('with the cookie: static-1 static-1 static-1 static-1 static-1');
    expect(lines[5]).toBe('pinned server down → static-2, cookie re-issued: true');
  });
});
