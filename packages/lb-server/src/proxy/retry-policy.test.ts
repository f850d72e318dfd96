import { describe, expect, it } from 'vitest';
import { classifyFailure, retryable, type FailureKind } from './retry-policy';
import { UPSTREAM_GONE } from './upstream-gate';

const err = (code: string, wrapped = false): Error =>
  wrapped ? Object.assign(new Error('x'), { cause: { code } }) : Object.assign(new Error('x'), { code });

describe('classifyFailure', () => {
  it.each([
    { code: 'ECONNREFUSED', kind: 'connect' },
    { code: 'UND_ERR_CONNECT_TIMEOUT', kind: 'connect' },
    { code: 'ETIMEDOUT', kind: 'connect' },
    { code: UPSTREAM_GONE, kind: 'gone' },
    { code: 'ECONNRESET', kind: 'reset' },
    { code: 'UND_ERR_SOCKET', kind: 'reset' },
    { code: 'UND_ERR_HEADERS_TIMEOUT', kind: 'timeout' },
    { code: 'UND_ERR_INVALID_ARG', kind: 'other' },
    { code: '', kind: 'other' },
  ])('$code → $kind (direct and as a cause)', ({ code, kind }) => {
    expect(classifyFailure(err(code))).toBe(kind);
    expect(classifyFailure(err(code, true))).toBe(kind);
  });
});

describe('retryable', () => {
  it.each<{ kind: FailureKind; hasBody: boolean; unread: boolean; want: boolean }>([
    { kind: 'connect', hasBody: false, unread: false, want: true },
    { kind: 'connect', hasBody: true, unread: true, want: true },
    { kind: 'connect', hasBody: true, unread: false, want: false },
    { kind: 'gone', hasBody: true, unread: true, want: true },
    { kind: 'reset', hasBody: false, unread: false, want: true },
    { kind: 'reset', hasBody: true, unread: true, want: false },
    { kind: 'timeout', hasBody: false, unread: false, want: false },
    { kind: 'other', hasBody: false, unread: false, want: false },
  ])('$kind, body $hasBody, unread $unread → $want', ({ kind, hasBody, unread, want }) => {
    expect(retryable(kind, hasBody, unread)).toBe(want);
  });
});
