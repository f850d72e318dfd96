/**
 * Docker's log format for containers without a TTY: a sequence of frames, each an 8-byte header
 * (byte 0 the stream — 1 stdout, 2 stderr —, bytes 4–7 the payload length, big-endian) and the
 * payload. With a TTY the bytes are raw. (moby `pkg/stdcopy`)
 */

/** One log line, from stdout or stderr. */
export interface LogLine {
  readonly stream: 'stdout' | 'stderr';
  readonly text: string;
}

/** Whether `buf` starts like a multiplexed frame (stream 0–2 and three zero bytes). */
function looksMultiplexed(buf: Buffer): boolean {
  return buf.length >= 8 && buf[0]! <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
}

function splitLines(text: string, stream: LogLine['stream'], out: LogLine[]): void {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) out.push({ stream, text: line.replace(/\r$/, '') });
}

/** Splits Docker's log bytes into lines; `tty` when the container has a terminal (raw bytes). */
export function demuxLogs(buf: Buffer, tty = false): LogLine[] {
  const out: LogLine[] = [];
  if (tty || !looksMultiplexed(buf)) {
    splitLines(buf.toString('utf8'), 'stdout', out);
    return out;
  }
  const chunks: { stream: LogLine['stream']; parts: Buffer[] } = { stream: 'stdout', parts: [] };
  const flush = (): void => {
    if (chunks.parts.length > 0) splitLines(Buffer.concat(chunks.parts).toString('utf8'), chunks.stream, out);
    chunks.parts = [];
  };
  let at = 0;
  while (at + 8 <= buf.length) {
    const stream = buf[at] === 2 ? 'stderr' : 'stdout';
    const size = buf.readUInt32BE(at + 4);
    const payload = buf.subarray(at + 8, Math.min(buf.length, at + 8 + size));
    if (stream !== chunks.stream) flush();
    chunks.stream = stream;
    chunks.parts.push(payload);
    at += 8 + size;
  }
  flush();
  return out;
}
