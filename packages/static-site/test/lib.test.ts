import { describe, expect, it } from 'vitest';
import {
  ColorBook,
  History,
  PALETTE,
  hashString,
  parseJokes,
  parseNode,
  shortId,
  summarizeRotation,
  summarizeStickiness,
} from '../public/lib.js';

describe('ColorBook', () => {
  it('numbers ids by first sight and keeps their colour', () => {
    const book = new ColorBook();
    expect(['a', 'b', 'a', 'c', 'b'].map((id) => book.numberOf(id))).toEqual([1, 2, 1, 3, 2]);
    expect(book.colorOf('a')).toBe(PALETTE[0]);
    expect(book.colorOf('c')).toBe(PALETTE[2]);
  });

  it('gives the first ten ids ten distinct colours, then hashed hues', () => {
    const book = new ColorBook();
    const ids = Array.from({ length: 12 }, (_, i) => `server-${i}`);
    const colors = ids.map((id) => book.colorOf(id));
    expect(new Set(colors.slice(0, 10)).size).toBe(10);
    expect(colors[10]).toMatch(/^hsl\(\d{1,3} 70% 50%\)$/);
    expect(book.colorOf('server-10')).toBe(colors[10]);
  });
});

describe('hashString', () => {
  it.each([
    { text: '', expected: 0x811c9dc5 },
    { text: 'a', expected: 0xe40c292c },
    { text: 'foobar', expected: 0xbf9cf968 },
  ])('FNV-1a($text) = $expected', ({ text, expected }) => {
    expect(hashString(text)).toBe(expected);
  });
});

describe('History', () => {
  it('keeps the newest entries first, up to its capacity', () => {
    const history = new History<number>(3);
    for (const n of [1, 2, 3, 4, 5]) history.push(n);
    expect(history.items).toEqual([5, 4, 3]);
  });

  it('returns a copy', () => {
    const history = new History<string>();
    history.push('x');
    (history.items as string[]).push('y');
    expect(history.items).toEqual(['x']);
  });
});

describe('shortId', () => {
  it.each([
    { id: '9b2f6c1e-3f4d-4a5b-9c8d-7e6f5a4b3c2d', expected: '9b2f6c1e' },
    { id: 'static-1', expected: 'static' },
    { id: 'abcdefghijklmnopq', expected: 'abcdefgh' },
    { id: '-leading', expected: '-leading' },
  ])('$id → $expected', ({ id, expected }) => {
    expect(shortId(id)).toBe(expected);
  });
});

describe('summaries', () => {
  it.each([
    { ids: [], expected: 'Waiting for the first answer…' },
    { ids: ['a'], expected: '1 server in the last answer' },
    { ids: ['a', 'b', 'c', 'a'], expected: '3 servers in the last 4 answers' },
  ])('rotation of $ids', ({ ids, expected }) => {
    expect(summarizeRotation(ids)).toBe(expected);
  });

  it.each([
    { nodes: [], expected: /^Waiting/ },
    { nodes: ['n1'], expected: /^First check/ },
    { nodes: ['n1', 'n1', 'n1'], expected: /^Sticky: the same node answered all 3 checks$/ },
    { nodes: ['n1', 'n2', 'n1'], expected: /^Not sticky: 2 nodes answered the last 3 checks$/ },
  ])('stickiness of $nodes', ({ nodes, expected }) => {
    expect(summarizeStickiness(nodes)).toMatch(expected);
  });
});

describe('parseJokes', () => {
  const joke = { id: 3, setup: 'Why?', punchline: 'Because.' };

  it('returns the server and the first joke', () => {
    const body = { server: { id: 'srv', hostname: 'h' }, jokes: [joke, { ...joke, id: 4 }] };
    expect(parseJokes(body)).toEqual({ server: { id: 'srv', hostname: 'h' }, joke });
  });

  it('tolerates a missing hostname', () => {
    expect(parseJokes({ server: { id: 'srv' }, jokes: [joke] }).server).toEqual({ id: 'srv', hostname: '' });
  });

  it.each([
    { desc: 'null', body: null },
    { desc: 'an error body', body: { error: { code: 'LB_NO_AVAILABLE_SERVER' } } },
    { desc: 'no jokes', body: { server: { id: 'srv' }, jokes: [] } },
    { desc: 'empty server id', body: { server: { id: '' }, jokes: [joke] } },
    { desc: 'a joke without punchline', body: { server: { id: 'srv' }, jokes: [{ id: 1, setup: 'x' }] } },
    { desc: 'a string id', body: { server: { id: 'srv' }, jokes: [{ ...joke, id: '3' }] } },
  ])('rejects $desc', ({ body }) => {
    expect(() => parseJokes(body)).toThrow(TypeError);
  });
});

describe('parseNode', () => {
  it.each([
    { body: { node: 'static-1' }, expected: 'static-1' },
    { body: { node: '' }, expected: TypeError },
    { body: { name: 'x' }, expected: TypeError },
    { body: 'static-1', expected: TypeError },
  ])('$body', ({ body, expected }) => {
    if (typeof expected === 'string') expect(parseNode(body)).toBe(expected);
    else expect(() => parseNode(body)).toThrow(expected);
  });
});
