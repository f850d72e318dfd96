import { describe, expect, it } from 'vitest';
import { mergeParsedFiles } from './merge-files';
import { isDynamicConfigFile, parseDynamicFile, type ParsedFile } from './parse-dynamic';

function parsed(file: string, text: string): ParsedFile {
  const outcome = parseDynamicFile(file, text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.parsed;
}

describe('parseDynamicFile', () => {
  it.each([
    { file: 'a.yml', text: '# only a comment\n', tree: {} },
    { file: 'a.yaml', text: 'http:\n  routers: {}\n', tree: { http: { routers: {} } } },
    {
      file: 'a.toml',
      text: '[http.routers.r]\nrule = "Path(`/`)"\n',
      tree: { http: { routers: { r: { rule: 'Path(`/`)' } } } },
    },
    { file: 'A.TOML', text: 'x = 1\n', tree: { x: 1 } },
  ])('parses $file: $text', ({ file, text, tree }) => {
    expect(parsed(file, text).tree).toEqual(tree);
  });

  it.each([
    {
      file: 'a.yml',
      text: 'http:\n  routers:\n    a: 1\n    a: 2\n',
      line: 4,
      column: 5,
      message: 'Map keys must be unique',
    },
    { file: 'a.yml', text: 'http: [\n', line: 2, column: 1, message: 'Flow sequence' },
    { file: 'a.yml', text: '- a\n- b\n', line: 1, column: 1, message: 'must be a mapping' },
    { file: 'a.toml', text: 'a = 1\na = 2\n', line: 2, column: 1, message: 'redefine' },
    { file: 'a.yml', text: '', line: 1, column: 1, message: 'the file is empty' },
    { file: 'a.toml', text: ' \n\t\n', line: 1, column: 1, message: 'the file is empty' },
  ])('reports $message at $line:$column', ({ file, text, line, column, message }) => {
    const outcome = parseDynamicFile(file, text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error).toMatchObject({ file, line, column });
      expect(outcome.error.message).toContain(message);
      expect(outcome.error.message).not.toContain('\n');
    }
  });

  it.each([
    { path: ['http', 'routers', 'api', 'rule'], line: 4, column: 7 },
    { path: ['http', 'routers', 'api', 'nope'], line: 3, column: 5 },
    { path: ['http', 'routers', 'a.b'], line: 6, column: 5 },
    { path: ['tcp'], line: undefined, column: undefined },
  ])('locates $path', ({ path, line, column }) => {
    const file = parsed(
      'a.yml',
      'http:\n  routers:\n    api:\n      rule: x\n      service: s\n    a.b:\n      rule: y\n',
    );
    const pos = file.locate(path);
    expect(pos?.line).toBe(line);
    expect(pos?.column).toBe(column);
  });

  it.each([
    ['a.yml', true],
    ['a.YAML', true],
    ['a.toml', true],
    ['a.json', false],
    ['a.yml.swp', false],
    ['a.yml~', false],
  ])('knows %s is a config file: %s', (name, expected) => {
    expect(isDynamicConfigFile(name)).toBe(expected);
  });
});

describe('mergeParsedFiles', () => {
  it('merges sections and kinds, concatenates lists, and does not touch the inputs', () => {
    const a = parsed('a.yml', 'http:\n  routers:\n    r1: {rule: x}\ntls:\n  certificates:\n    - certFile: a\n');
    const b = parsed(
      'b.yml',
      'http:\n  routers:\n    r2: {rule: y}\n  services:\n    s: {}\ntls:\n  certificates:\n    - certFile: b\n',
    );
    const merged = mergeParsedFiles([a, b]);
    expect(merged.tree).toEqual({
      http: { routers: { r1: { rule: 'x' }, r2: { rule: 'y' } }, services: { s: {} } },
      tls: { certificates: [{ certFile: 'a' }, { certFile: 'b' }] },
    });
    expect(merged.errors).toEqual([]);
    expect(merged.owners.get('http.routers.r2')).toBe('b.yml');
    expect(a.tree).toEqual({ http: { routers: { r1: { rule: 'x' } } }, tls: { certificates: [{ certFile: 'a' }] } });
  });

  it('merges sections and kinds written in another case, but not element names', () => {
    const merged = mergeParsedFiles([
      parsed('a.yml', 'http:\n  routers:\n    r1: {rule: x}\n'),
      parsed('b.yml', 'HTTP:\n  Routers:\n    R1: {rule: y}\n'),
    ]);
    expect(merged.tree).toEqual({ http: { routers: { r1: { rule: 'x' }, R1: { rule: 'y' } } } });
    expect(merged.errors).toEqual([]);
  });

  it('reports duplicates naming both files and keeps the first', () => {
    const merged = mergeParsedFiles([
      parsed('a.yml', 'http:\n  services:\n    s: {weight: 1}\n'),
      parsed('b.yml', 'http:\n  services:\n    s: {weight: 2}\n'),
      parsed('c.yml', 'http: 3\n'),
    ]);
    expect(merged.tree).toEqual({ http: { services: { s: { weight: 1 } } } });
    expect(merged.errors.map((e) => [e.path, e.file, e.line])).toEqual([
      ['http.services.s', 'b.yml', 3],
      ['http', 'c.yml', 1],
    ]);
    expect(merged.errors[0]?.message).toBe(
      'http.services.s is defined in both a.yml and b.yml; the definition in b.yml is ignored',
    );
  });
});
