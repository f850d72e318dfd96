import { describe, expect, it } from 'vitest';
import { requestProtocol, type ProtocolHeaders } from './protocol';

describe('requestProtocol', () => {
  it.each<{ headers: ProtocolHeaders; protocol: string }>([
    { headers: {}, protocol: 'http' },
    { headers: { connection: 'keep-alive, Upgrade', upgrade: 'WebSocket' }, protocol: 'websocket' },
    { headers: { upgrade: 'websocket' }, protocol: 'http' },
    { headers: { connection: 'upgrade', upgrade: 'h2c' }, protocol: 'http' },
    { headers: { accept: 'text/event-stream' }, protocol: 'sse' },
    { headers: { 'content-type': 'application/grpc-web+proto' }, protocol: 'grpc-web' },
    { headers: { 'content-type': 'application/grpc' }, protocol: 'grpc' },
    { headers: { 'content-type': 'application/json', accept: ['text/html', 'text/event-stream'] }, protocol: 'sse' },
  ])('$headers → $protocol', ({ headers, protocol }) => {
    expect(requestProtocol(headers)).toBe(protocol);
  });
});
