import { describe, expect, it } from 'vitest';
import type { PathModifier } from './ast';
import { compileGoRegExp } from './go-regexp';
import {
  addPrefix,
  applyPathModifiers,
  compilePathModifiers,
  replacePath,
  replacePathRegex,
  stripPrefix,
  stripPrefixRegex,
} from './path-modifiers';
import { parseRule } from './parse';
import { thrown } from '../../test/support/rule-helpers';

describe('path modifiers (Traefik middlewares)', () => {
  it.each([
    {
      desc: 'strips the first matching prefix in order',
      path: '/api/v1/x',
      prefixes: ['/api', '/api/v1'],
      out: { path: '/v1/x', headers: { 'X-Forwarded-Prefix': '/api' } },
    },
    {
      desc: 'puts a leading slash back',
      path: '/api/x',
      prefixes: ['/api/'],
      out: { path: '/x', headers: { 'X-Forwarded-Prefix': '/api/' } },
    },
    {
      desc: 'no segment boundary',
      path: '/apix',
      prefixes: ['/api'],
      out: { path: '/x', headers: { 'X-Forwarded-Prefix': '/api' } },
    },
    {
      desc: 'whole path leaves it empty (v3)',
      path: '/api',
      prefixes: ['/api'],
      out: { path: '', headers: { 'X-Forwarded-Prefix': '/api' } },
    },
    { desc: 'no match leaves the path', path: '/other', prefixes: ['/api'], out: { path: '/other', headers: {} } },
  ])('stripPrefix: $desc', ({ path, prefixes, out }) => {
    expect(stripPrefix(path, prefixes)).toEqual(out);
  });

  it.each([
    {
      desc: 'strips the match at the start',
      path: '/foo/123/bar',
      regex: ['/foo/[0-9]+'],
      out: { path: '/bar', headers: { 'X-Forwarded-Prefix': '/foo/123' } },
    },
    {
      desc: 'a match not at the start is skipped',
      path: '/x/foo/1',
      regex: ['/foo/[0-9]+'],
      out: { path: '/x/foo/1', headers: {} },
    },
    {
      desc: 'tries the next regexp',
      path: '/b/1',
      regex: ['^/a', '^/b'],
      out: { path: '/1', headers: { 'X-Forwarded-Prefix': '/b' } },
    },
    { desc: 'an empty match is not a prefix', path: '/a', regex: ['x*'], out: { path: '/a', headers: {} } },
  ])('stripPrefixRegex: $desc', ({ path, regex, out }) => {
    expect(
      stripPrefixRegex(
        path,
        regex.map((r) => compileGoRegExp(r)),
      ),
    ).toEqual(out);
  });

  it('addPrefix', () => {
    expect(addPrefix('/x', '/api')).toEqual({ path: '/api/x', headers: {} });
    expect(addPrefix('', 'api')).toEqual({ path: '/api', headers: {} });
  });

  it('replacePath keeps the old path in X-Replaced-Path', () => {
    expect(replacePath('/old', '/new')).toEqual({ path: '/new', headers: { 'X-Replaced-Path': '/old' } });
  });

  it('replacePathRegex replaces every match and only when it matches', () => {
    const re = compileGoRegExp('^/api/(.*)');
    expect(replacePathRegex('/api/a/b', re, '/v2/$1')).toEqual({
      path: '/v2/a/b',
      headers: { 'X-Replaced-Path': '/api/a/b' },
    });
    expect(replacePathRegex('/web', re, '/v2/$1')).toEqual({ path: '/web', headers: {} });
  });

  it('replacePathRegex with an empty replacement removes the matches (Traefik ≥ 2.11.1)', () => {
    expect(replacePathRegex('/api/a', compileGoRegExp('^/api'), '')).toEqual({
      path: '/a',
      headers: { 'X-Replaced-Path': '/api/a' },
    });
  });

  it.each<{
    desc: string;
    modifiers: PathModifier[];
    path: string;
    out: { path: string; headers: Record<string, string> };
  }>([
    {
      desc: 'an emptied path becomes /',
      modifiers: [{ kind: 'stripPrefix', prefixes: ['/api'] }],
      path: '/api',
      out: { path: '/', headers: { 'X-Forwarded-Prefix': '/api' } },
    },
    {
      desc: 'strip then addPrefix keeps the bare prefix',
      modifiers: [
        { kind: 'stripPrefix', prefixes: ['/api'] },
        { kind: 'addPrefix', prefix: '/v2' },
      ],
      path: '/api',
      out: { path: '/v2', headers: { 'X-Forwarded-Prefix': '/api' } },
    },
    {
      desc: 'replacePath wins last',
      modifiers: [
        { kind: 'stripPrefix', prefixes: ['/a'] },
        { kind: 'replacePath', path: '/fixed' },
      ],
      path: '/a/b',
      out: { path: '/fixed', headers: { 'X-Forwarded-Prefix': '/a', 'X-Replaced-Path': '/b' } },
    },
    {
      desc: 'repeated headers are joined',
      modifiers: [
        { kind: 'stripPrefixRegex', regex: ['^/[0-9]+'] },
        { kind: 'stripPrefix', prefixes: ['/a'] },
      ],
      path: '/12/a/b',
      out: { path: '/b', headers: { 'X-Forwarded-Prefix': '/12, /a' } },
    },
    { desc: 'no modifiers', modifiers: [], path: '/x', out: { path: '/x', headers: {} } },
  ])('applyPathModifiers: $desc', ({ modifiers, path, out }) => {
    expect(applyPathModifiers(path, modifiers)).toEqual(out);
  });

  it.each([
    { rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/', path: '/api/jokes/42', out: '/42' },
    { rule: 'Host:demo.res.ch;PathPrefixStrip:/api/jokes/', path: '/api/jokes/', out: '/' },
    { rule: 'PathPrefixStrip:/api,/api/v1', path: '/api/v1/users', out: '/users' },
    { rule: 'PathPrefixStripRegex:/api/{v:v[0-9]+}', path: '/api/v2/users', out: '/users' },
    { rule: 'PathPrefixStrip:/api;AddPrefix:/internal', path: '/api/users', out: '/internal/users' },
    { rule: 'PathPrefix:/api;ReplacePathRegex: ^/api/(.*) /v2/$1', path: '/api/users', out: '/v2/users' },
    { rule: 'PathPrefixStrip:/api;AddPrefix:/x;ReplacePath:/final', path: '/api/users', out: '/final' },
  ])('v1 $rule rewrites $path to $out', ({ rule, path, out }) => {
    expect(applyPathModifiers(path, parseRule(rule).modifiers).path).toBe(out);
  });

  it('rejects an empty addPrefix and a bad regexp when compiling', () => {
    expect(thrown(() => compilePathModifiers([{ kind: 'addPrefix', prefix: '' }])).code).toBe('LB_RULE_ARGUMENT');
    expect(thrown(() => compilePathModifiers([{ kind: 'replacePathRegex', regex: '(', replacement: '' }])).code).toBe(
      'LB_RULE_ARGUMENT',
    );
  });
});
