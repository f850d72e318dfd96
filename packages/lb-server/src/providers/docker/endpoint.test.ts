import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCKER_ENDPOINT, DockerEndpointError, dockerOptions, effectiveEndpoint } from './endpoint';

describe('Docker endpoint', () => {
  it.each([
    { configured: undefined, env: {}, expected: DEFAULT_DOCKER_ENDPOINT },
    {
      configured: DEFAULT_DOCKER_ENDPOINT,
      env: { DOCKER_HOST: 'tcp://10.0.0.1:2375' },
      expected: 'tcp://10.0.0.1:2375',
    },
    { configured: 'tcp://proxy:2375', env: { DOCKER_HOST: 'tcp://10.0.0.1:2375' }, expected: 'tcp://proxy:2375' },
    { configured: '', env: { DOCKER_HOST: '' }, expected: DEFAULT_DOCKER_ENDPOINT },
  ])('$configured with $env → $expected', ({ configured, env, expected }) => {
    expect(effectiveEndpoint(configured, env)).toBe(expected);
  });

  it.each([
    { endpoint: 'unix:///var/run/docker.sock', expected: { socketPath: '/var/run/docker.sock' } },
    { endpoint: 'tcp://socket-proxy:2375', expected: { host: 'socket-proxy', port: 2375, protocol: 'http' } },
    { endpoint: 'tcp://docker.internal', expected: { host: 'docker.internal', port: 2375, protocol: 'http' } },
    { endpoint: 'http://127.0.0.1:2375/', expected: { host: '127.0.0.1', port: 2375, protocol: 'http' } },
    { endpoint: 'https://[::1]:2376', expected: { host: '::1', port: 2376, protocol: 'https' } },
  ])('$endpoint', ({ endpoint, expected }) => {
    expect(dockerOptions(endpoint, undefined)).toStrictEqual(expected);
  });

  it('tcp:// with TLS files reads them and speaks https on 2376 by default', () => {
    const read = (path: string) => Buffer.from(`<${path}>`);
    expect(dockerOptions('tcp://docker', { ca: 'ca.pem', cert: 'cert.pem', key: 'key.pem' }, read)).toStrictEqual({
      host: 'docker',
      port: 2376,
      protocol: 'https',
      ca: Buffer.from('<ca.pem>'),
      cert: Buffer.from('<cert.pem>'),
      key: Buffer.from('<key.pem>'),
    });
  });

  it('insecureSkipVerify gives an agent that does not verify', () => {
    const options = dockerOptions('tcp://docker:2376', { insecureSkipVerify: true }) as {
      agent?: { options?: { rejectUnauthorized?: boolean } };
    };
    expect(options.agent?.options?.rejectUnauthorized).toBe(false);
  });

  it.each(['npipe:////./pipe/docker_engine', 'ssh://me@host', 'unix://', 'tcp://host:port'])(
    'rejects %s',
    (endpoint) => {
      expect(() => dockerOptions(endpoint, undefined)).toThrow(DockerEndpointError);
    },
  );

  it('a missing TLS file is a coded error naming it', () => {
    expect(() => dockerOptions('tcp://docker', { ca: '/nonexistent/ca.pem' })).toThrow(
      'cannot read TLS file /nonexistent/ca.pem: ENOENT',
    );
  });
});
