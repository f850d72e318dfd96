/**
 * `asciiOutput`, the build step that keeps every emitted module ASCII (so V8 holds its source as a
 * one-byte string, issue #12 idle memory): escaped code means what it meant — regular expressions
 * (also identity escapes and `u` ones with astral characters), strings, identifiers, comments — and
 * the real build of `dist/` with `tsup.config.ts`, into a scratch folder, is ASCII from end to end
 * (its chunks and the schema compilers' CommonJS files).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, type Options } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import config, { asciiOutput } from '../tsup.config';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const NON_ASCII = /[^\x00-\x7f]/;

async function escape(code: string): Promise<string> {
  const render = asciiOutput.renderChunk;
  if (render === undefined) throw new Error('asciiOutput has no renderChunk');
  const out = await render.call({} as never, code, { type: 'chunk', code, path: 'x.js' });
  if (!out) throw new Error('asciiOutput left the chunk alone');
  return out.code;
}

const SAMPLE = String.raw`
// A comment → with … characters
const größe = 'µ' + "→" + ${'`'}≤ ${'${1}'}${'`'};
/* block ≤ comment */ [
  /^(?:\d+(?:µs|μs))+$/.test('3µs2μs'),
  /^(?:\d+(?:µs|μs))+$/.test('3us'),
  /\μ/.test('μ'),
  /[→…]+/u.exec('a→…b')[0],
  /😀{2}/u.test('😀😀'),
  /\\μ/.test('\\μ'),
  größe,
];
`;

describe('asciiOutput', () => {
  it('escapes what is not ASCII and the code means the same', async () => {
    const escaped = await escape(SAMPLE);
    expect(escaped).not.toMatch(NON_ASCII);
    const before: unknown = runInNewContext(SAMPLE);
    expect(before).toEqual([true, false, true, '→…', true, true, 'µ→≤ 1']);
    expect(runInNewContext(escaped)).toEqual(before);
  });

  it('leaves an ASCII module as it is', async () => {
    const code = "export const a = /x\\u00b5/.test('x\\u00b5'); // \\\\u2192\n";
    expect(await escape(code)).toBe(code);
  });

  it('is part of the dist build, whose every module comes out ASCII', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'junction-ascii-'));
    dirs.push(outDir);
    await build({ ...(config as Options), outDir, sourcemap: false, silent: true });
    const files = (await readdir(outDir)).filter((f) => /\.c?js$/.test(f));
    expect(files).toEqual(expect.arrayContaining(['main.js', 'fastify-ajv-compiler.cjs']));
    const nonAscii = [];
    for (const file of files) if (NON_ASCII.test(await readFile(join(outDir, file), 'utf8'))) nonAscii.push(file);
    expect(nonAscii).toEqual([]);
  }, 60_000);
});
