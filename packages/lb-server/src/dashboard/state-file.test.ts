/**
 * The state file on a real file system (a temporary folder): atomic writes with mode 0600 and
 * the folder created, writes coalesced, a flush that never loses a change, a failed write
 * reported and retried, and an unusable file set aside instead of overwritten.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StateFile } from './state-file';

interface Line {
  level: string;
  obj: object;
  msg: string;
}
const logger = (lines: Line[]) => ({
  info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
  warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
  error: (obj: object, msg: string) => lines.push({ level: 'error', obj, msg }),
});

let dir: string;
let lines: Line[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'junction-state-file-'));
  lines = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('StateFile', () => {
  it('creates the folder (0700) and writes the file atomically with mode 0600, leaving no temporary file', async () => {
    const path = join(dir, 'state', 'nested', 'overrides.json');
    const file = new StateFile({ path, logger: logger(lines), delayMs: 5 });
    expect(file.load()).toEqual({ kind: 'missing' });
    file.schedule(() => 'one\n');
    await file.flush();
    expect(readFileSync(path, 'utf8')).toBe('one\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'state', 'nested')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(dir, 'state', 'nested'))).toEqual(['overrides.json']);
    expect(file.status()).toMatchObject({
      enabled: true,
      path,
      state: 'ok',
      pending: false,
      lastSavedAt: expect.any(String) as unknown,
    });
  });

  it('coalesces a storm of changes into one write of the last state', async () => {
    const path = join(dir, 'overrides.json');
    const file = new StateFile({ path, logger: logger(lines), delayMs: 50 });
    let renders = 0;
    for (let i = 1; i <= 200; i++) file.schedule(() => `${++renders} change ${i}\n`);
    expect(file.status().pending).toBe(true);
    await expect
      .poll(() => (existsSync(path) ? readFileSync(path, 'utf8') : ''), { timeout: 2000 })
      .toBe('1 change 200\n');
    expect(renders).toBe(1);
    await file.flush();
    expect(renders).toBe(1);
  });

  it('writes a pending change at once on flush (graceful shutdown), however long the delay', async () => {
    const path = join(dir, 'overrides.json');
    const file = new StateFile({ path, logger: logger(lines), delayMs: 60_000 });
    file.schedule(() => 'first\n');
    await file.flush();
    expect(readFileSync(path, 'utf8')).toBe('first\n');
    file.schedule(() => 'second\n');
    await file.flush();
    expect(readFileSync(path, 'utf8')).toBe('second\n');
    expect(file.status().pending).toBe(false);
  });

  it('reports a write that fails, keeps the change pending, and writes it once the disk takes it', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where the folder should be');
    const path = join(blocker, 'overrides.json');
    const file = new StateFile({ path, logger: logger(lines), delayMs: 5, retryMs: 50 });
    file.schedule(() => 'kept\n');
    await file.flush();
    expect(file.status()).toMatchObject({
      state: 'error',
      pending: true,
      lastError: {
        code: 'DASH_STATE_FILE_WRITE',
        message: expect.stringMatching(/cannot write the state file/) as unknown,
      },
    });
    expect(lines.filter((l) => l.level === 'error')).toEqual([
      expect.objectContaining({ obj: expect.objectContaining({ path, code: 'DASH_STATE_FILE_WRITE' }) as unknown }),
    ]);
    rmSync(blocker);
    mkdirSync(blocker);
    await expect.poll(() => file.status().state, { timeout: 2000 }).toBe('ok');
    expect(readFileSync(path, 'utf8')).toBe('kept\n');
    expect(file.status().lastError).toBeUndefined();
    expect(lines.at(-1)?.msg).toMatch(/written again/);
  });

  it.each([
    { desc: 'a corrupt file', make: (p: string) => writeFileSync(p, '{"junction":'), read: true },
    { desc: 'an unreadable one (a folder)', make: (p: string) => mkdirSync(p), read: false },
  ])(
    'sets $desc aside as .corrupt-<time>, logs it with the path, and writes the new state beside it',
    async ({ make, read }) => {
      const path = join(dir, 'overrides.json');
      make(path);
      const file = new StateFile({
        path,
        logger: logger(lines),
        delayMs: 5,
        now: () => Date.parse('2026-12-06T15:00:00.123Z'),
      });
      const found = file.load();
      if (read) {
        expect(found).toEqual({ kind: 'text', text: '{"junction":' });
        file.reject('DASH_STATE_FILE_CORRUPT', 'corrupt state file: not JSON');
      } else {
        expect(found).toBeUndefined();
      }
      const aside = `${path}.corrupt-2026-12-06T15-00-00-123Z`;
      expect(existsSync(aside)).toBe(true);
      if (read) expect(readFileSync(aside, 'utf8')).toBe('{"junction":');
      expect(file.status().loadError).toMatchObject({
        code: read ? 'DASH_STATE_FILE_CORRUPT' : 'DASH_STATE_FILE_UNREADABLE',
        setAside: aside,
      });
      expect(lines).toEqual([
        expect.objectContaining({ level: 'error', msg: expect.stringContaining(path) as unknown }),
      ]);
      file.schedule(() => 'fresh\n');
      await file.flush();
      expect(readFileSync(path, 'utf8')).toBe('fresh\n');
    },
  );
});
