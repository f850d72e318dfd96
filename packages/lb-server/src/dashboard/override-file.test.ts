/** The overrides state file's format: round trip, and every kind of damage named where it is. */
import { describe, expect, it } from 'vitest';
import { parseOverrideFile, serializeOverrides, type OverrideSnapshot } from './override-file';

const SNAPSHOT: OverrideSnapshot = {
  servers: [
    { service: 'whoami@docker', server: 'lab/whoami/2', draining: true, by: 'admin', at: 1 },
    { service: 'app@file', server: 'http://127.0.0.1:1', weight: 0, by: 'token', at: 2 },
    { service: 'app@file', server: 'http://127.0.0.1:2', weight: 7, draining: true, by: 'admin', at: 3 },
  ],
  services: [{ service: 'app@file', strategy: 'least-connections', by: 'admin', at: 4 }],
};

const withFile = (patch: (root: Record<string, unknown>) => void): string => {
  const root = JSON.parse(serializeOverrides(SNAPSHOT, new Date(0))) as Record<string, unknown>;
  patch(root);
  return JSON.stringify(root);
};

describe('override file', () => {
  it('round-trips every kind of override, sorted so that equal state gives equal text', () => {
    const text = serializeOverrides(SNAPSHOT, new Date('2026-12-06T15:00:00Z'));
    const parsed = parseOverrideFile(text);
    expect(parsed).toEqual({
      ok: true,
      snapshot: { servers: expect.arrayContaining([...SNAPSHOT.servers]) as unknown, services: SNAPSHOT.services },
    });
    expect(parsed.ok && parsed.snapshot.servers.map((s) => s.server)).toEqual([
      'http://127.0.0.1:1',
      'http://127.0.0.1:2',
      'lab/whoami/2',
    ]);
    const reversed = { servers: [...SNAPSHOT.servers].reverse(), services: SNAPSHOT.services };
    expect(serializeOverrides(reversed, new Date('2026-12-06T15:00:00Z'))).toBe(text);
    expect(JSON.parse(text)).toMatchObject({ junction: 'overrides', version: 1, savedAt: '2026-12-06T15:00:00.000Z' });
  });

  it('reads a file with no overrides, and an alias strategy as its canonical name', () => {
    expect(parseOverrideFile('{"junction":"overrides","version":1}')).toEqual({
      ok: true,
      snapshot: { servers: [], services: [] },
    });
    const alias = withFile((r) => (r.services = [{ service: 's@file', strategy: 'wrr', by: 'a', at: 1 }]));
    expect(parseOverrideFile(alias)).toMatchObject({ ok: true, snapshot: { services: [{ strategy: 'weighted' }] } });
  });

  it.each([
    { desc: 'truncated JSON', text: serializeOverrides(SNAPSHOT, new Date(0)).slice(0, 40), message: /^not JSON/ },
    { desc: "another program's JSON", text: '{"servers":[]}', message: /not a Junction overrides file/ },
    { desc: 'a future version', text: '{"junction":"overrides","version":2}', message: /version 2 is not supported/ },
    { desc: 'servers not a list', text: withFile((r) => (r.servers = {})), message: /^servers: expected a list/ },
    {
      desc: 'a weight out of range',
      text: withFile((r) => ((r.servers as Record<string, unknown>[])[1]!.weight = 10_001)),
      message: /^servers\[1\]\.weight: expected an integer/,
    },
    {
      desc: 'an entry that overrides nothing',
      text: withFile((r) => (r.servers = [{ service: 'a', server: 'b', by: 'x', at: 1 }])),
      message: /^servers\[0\]: neither draining nor weight/,
    },
    {
      desc: 'a missing server id',
      text: withFile((r) => (r.servers = [{ service: 'a', draining: true, by: 'x', at: 1 }])),
      message: /^servers\[0\]\.server: expected a server id/,
    },
    {
      desc: 'an unknown strategy',
      text: withFile((r) => ((r.services as Record<string, unknown>[])[0]!.strategy = 'fastest')),
      message: /^services\[0\]\.strategy: unknown strategy "fastest"/,
    },
  ])('refuses $desc, naming where it is wrong', ({ text, message }) => {
    const parsed = parseOverrideFile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.code).toBe('DASH_STATE_FILE_CORRUPT');
      expect(parsed.message).toMatch(message);
    }
  });
});
