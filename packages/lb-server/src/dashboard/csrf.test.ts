import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from './csrf';

const JSON_TYPE = 'application/json';

describe('crossSiteRefusal', () => {
  it.each([
    {
      desc: 'a script (no browser headers)',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, host: 'a:8080' },
      code: undefined,
    },
    {
      desc: 'JSON with a charset',
      method: 'DELETE',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      code: undefined,
    },
    {
      desc: 'the same origin',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, host: 'a:8080', origin: 'http://a:8080', 'sec-fetch-site': 'same-origin' },
      code: undefined,
    },
    {
      desc: 'typed by the user (Sec-Fetch-Site: none)',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, 'sec-fetch-site': 'none' },
      code: undefined,
    },
    { desc: 'a GET', method: 'GET', headers: { 'content-type': JSON_TYPE }, code: 'DASH_BAD_REQUEST' },
    { desc: 'no content type', method: 'POST', headers: {}, code: 'DASH_UNSUPPORTED_MEDIA_TYPE' },
    {
      desc: 'a form',
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      code: 'DASH_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      desc: 'JSON-looking but not JSON',
      method: 'POST',
      headers: { 'content-type': 'application/json-patch+json' },
      code: 'DASH_UNSUPPORTED_MEDIA_TYPE',
    },
    {
      desc: 'another port of the same host',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, host: 'a:8080', origin: 'http://a:80' },
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'another host',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, host: 'a:8080', origin: 'http://evil:8080' },
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'a malformed origin',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, host: 'a', origin: '::' },
      code: 'DASH_CROSS_SITE',
    },
    {
      desc: 'cross-site fetch metadata',
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, 'sec-fetch-site': 'cross-site' },
      code: 'DASH_CROSS_SITE',
    },
  ])('$desc → $code', ({ method, headers, code }) => {
    expect(crossSiteRefusal({ method, headers })?.code).toBe(code);
  });
});
