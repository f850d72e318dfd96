import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, toPinoLevel } from './log';
import type { TraefikLogLevel } from './options/types';

function sink() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((l) => l !== ''),
  };
}

describe('toPinoLevel', () => {
  it.each<[TraefikLogLevel, string]>([
    ['TRACE', 'trace'],
    ['DEBUG', 'debug'],
    ['INFO', 'info'],
    ['WARN', 'warn'],
    ['ERROR', 'error'],
    ['FATAL', 'fatal'],
    ['PANIC', 'fatal'],
  ])('maps %s to %s', (level, pinoLevel) => {
    expect(toPinoLevel(level)).toBe(pinoLevel);
  });
});

describe('createLogger', () => {
  it('writes JSON lines with a string level and ISO time, at or above the level', () => {
    const out = sink();
    const log = createLogger({ level: 'WARN', format: 'json', destination: out.stream });
    log.info('hidden');
    log.warn({ provider: 'file' }, 'shown');
    log.error('also shown');
    const lines = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['warn', 'shown'],
      ['error', 'also shown'],
    ]);
    expect(lines[0]).toMatchObject({ provider: 'file' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines[0]).not.toHaveProperty('pid');
  });

  it('writes human-readable lines for the common format', () => {
    const out = sink();
    const log = createLogger({ level: 'DEBUG', format: 'common', destination: out.stream });
    log.debug({ provider: 'docker' }, 'containers listed');
    expect(out.text()).toContain('containers listed');
    expect(out.text()).toContain('DEBUG');
    expect(() => JSON.parse(out.lines()[0] ?? '')).toThrow();
  });
});
