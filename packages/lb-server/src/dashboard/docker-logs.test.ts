import { describe, expect, it } from 'vitest';
import { demuxLogs } from './docker-logs';

const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demuxLogs', () => {
  it.each([
    {
      desc: 'one stdout frame',
      buf: frame(1, 'a\nb\n'),
      tty: false,
      expected: [
        ['stdout', 'a'],
        ['stdout', 'b'],
      ],
    },
    {
      desc: 'a line split across frames',
      buf: Buffer.concat([frame(1, 'hel'), frame(1, 'lo\n')]),
      tty: false,
      expected: [['stdout', 'hello']],
    },
    {
      desc: 'stdout then stderr',
      buf: Buffer.concat([frame(1, 'out\n'), frame(2, 'err\r\n')]),
      tty: false,
      expected: [
        ['stdout', 'out'],
        ['stderr', 'err'],
      ],
    },
    {
      desc: 'raw bytes of a TTY',
      buf: Buffer.from('x\ny'),
      tty: true,
      expected: [
        ['stdout', 'x'],
        ['stdout', 'y'],
      ],
    },
    {
      desc: 'raw bytes that do not look multiplexed',
      buf: Buffer.from('plain text\n'),
      tty: false,
      expected: [['stdout', 'plain text']],
    },
    { desc: 'nothing', buf: Buffer.alloc(0), tty: false, expected: [] },
    { desc: 'a truncated last frame', buf: frame(1, 'ok\n').subarray(0, 10), tty: false, expected: [['stdout', 'ok']] },
  ])('$desc', ({ buf, tty, expected }) => {
    expect(demuxLogs(buf, tty).map((l) => [l.stream, l.text])).toEqual(expected);
  });
});
