import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { lazyBody } from './lazy-body';

function source(chunks: readonly string[]): PassThrough {
  const stream = new PassThrough();
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return stream;
}

describe('lazyBody', () => {
  it('leaves the source untouched until the view is read, even when the view is destroyed', async () => {
    const body = source(['a', 'b']);
    const first = lazyBody(body);
    first.on('error', () => {}); // undici destroys the body of a failed request with its error
    first.destroy(new Error('connection refused'));
    expect(first.started).toBe(false);
    expect(body.destroyed).toBe(false);
    expect(body.readableDidRead).toBe(false);
    const second = lazyBody(body);
    expect(await text(second)).toBe('ab');
    expect(second.started).toBe(true);
  });

  it('forwards every chunk in order, with backpressure, counting their bytes, and ends', async () => {
    const body = new PassThrough();
    let counted = 0;
    const view = lazyBody(body, (bytes) => (counted += bytes));
    const chunks = Array.from({ length: 200 }, (_, i) => `${i},`.padEnd(1024, '.'));
    const reading = text(view);
    for (const chunk of chunks) if (!body.write(chunk)) await new Promise((resolve) => body.once('drain', resolve));
    body.end();
    expect(await reading).toBe(chunks.join(''));
    expect(counted).toBe(200 * 1024); // every chunk's size went to the buffer reclaimer
  });

  it('passes a destroy with an error on to a source it has started reading', async () => {
    const body = new PassThrough();
    body.write('partial');
    const view = lazyBody(body);
    view.on('error', () => {});
    body.on('error', () => {});
    await new Promise((resolve) => view.once('data', resolve));
    view.destroy(new Error('upstream reset'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(body.destroyed).toBe(true);
  });

  it('fails the view when the source fails', async () => {
    const body = new PassThrough();
    const view = lazyBody(body);
    const reading = text(view);
    body.destroy(new Error('client went away'));
    await expect(reading).rejects.toThrow('client went away');
  });
});
