import { describe, expect, it } from 'vitest';
import { toRoutingPath } from './routing-path';

describe('toRoutingPath (Traefik v3 routing path)', () => {
  it.each([
    { escaped: '/plain', routing: '/plain' },
    { escaped: '/foo%20bar', routing: '/foo bar' },
    { escaped: '/a%2Fb', routing: '/a%2Fb' },
    { escaped: '/a%2fb', routing: '/a%2fb' },
    { escaped: '/100%25', routing: '/100%25' },
    { escaped: '/caf%C3%A9', routing: '/café' },
    { escaped: '/%7Euser', routing: '/~user' },
    { escaped: '/bad%2', routing: undefined },
    { escaped: '/bad%zz', routing: undefined },
  ])('$escaped → $routing', ({ escaped, routing }) => {
    expect(toRoutingPath(escaped)).toBe(routing);
  });
});
