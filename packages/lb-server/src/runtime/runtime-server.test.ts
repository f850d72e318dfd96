/**
 * `toRuntimeServer`: the origin a server's connections are pooled under — `URL.origin` for
 * `http://` and `https://`, `h2c://host:port` for Traefik's cleartext HTTP/2 scheme (the upstream
 * agent sends those over HTTP/2) — and the `preservePath` prefix.
 */
import { describe, expect, it } from 'vitest';
import { toRuntimeServer } from './runtime-server';

describe('toRuntimeServer', () => {
  it.each([
    ['http://10.0.0.2:3000/', 'http://10.0.0.2:3000'],
    ['https://a.example:443/x', 'https://a.example'],
    ['h2c://grpc:50051', 'h2c://grpc:50051'],
    ['h2c://GRPC:80/', 'h2c://grpc'],
    ['h2c://[::1]:50051', 'h2c://[::1]:50051'],
  ])('pools %s under %s', (url, origin) => {
    expect(toRuntimeServer({ id: 's', url, weight: 1 }).origin).toBe(origin);
  });

  it('keeps the path prefix of an h2c URL with preservePath', () => {
    expect(toRuntimeServer({ id: 's', url: 'h2c://grpc:50051/base/', weight: 1, preservePath: true }).basePath).toBe(
      '/base',
    );
  });

  it('refuses another scheme', () => {
    expect(() => toRuntimeServer({ id: 's', url: 'ftp://x', weight: 1 })).toThrow(TypeError);
  });
});
