import { describe, expect, it } from 'vitest';
import { createMiddleware } from './registry';
import { handleSync, makeContext } from '../../test/support/middlewares/proxy-context';

describe('inFlightReq middleware', () => {
  it('refuses past amount per source and frees the slot when the exchange ends', () => {
    const mw = createMiddleware('limit', { inFlightReq: { amount: 2 } });
    const a = makeContext({ host: 'a.example' });
    const b = makeContext({ host: 'a.example' });
    expect(handleSync(mw, a)).toBeUndefined();
    expect(handleSync(mw, b)).toBeUndefined();
    expect(handleSync(mw, makeContext({ host: 'a.example' }))).toEqual({ status: 429, body: 'Too Many Requests' });
    expect(handleSync(mw, makeContext({ host: 'b.example' }))).toBeUndefined(); // default source: the host
    a.end();
    a.end(); // a second end must not free a second slot
    const c = makeContext({ host: 'a.example' });
    expect(handleSync(mw, c)).toBeUndefined();
    expect(handleSync(mw, makeContext({ host: 'a.example' }))?.status).toBe(429);
    b.end();
    c.end();
    expect(handleSync(mw, makeContext({ host: 'a.example' }))).toBeUndefined();
  });

  it.each([
    {
      desc: 'ipStrategy',
      criterion: { ipStrategy: {} },
      same: { clientIp: '1.1.1.1' },
      other: { clientIp: '2.2.2.2' },
    },
    {
      desc: 'requestHeaderName',
      criterion: { requestHeaderName: 'X-User' },
      same: { headers: { 'x-user': 'u1' } },
      other: { headers: { 'x-user': 'u2' } },
    },
  ])('counts per $desc', ({ criterion, same, other }) => {
    const mw = createMiddleware('limit', { inFlightReq: { amount: 1, sourceCriterion: criterion } });
    expect(handleSync(mw, makeContext(same))).toBeUndefined();
    expect(handleSync(mw, makeContext(same))?.status).toBe(429);
    expect(handleSync(mw, makeContext(other))).toBeUndefined();
  });

  it.each([{}, { amount: 0 }, { amount: 'many' }])('rejects amount in %j', (config) => {
    expect(() => createMiddleware('l', { inFlightReq: config })).toThrow(
      expect.objectContaining({ path: 'inFlightReq.amount' }),
    );
  });
});
