import { describe, expect, it } from 'vitest';
import { ConstraintsError, parseConstraints } from './constraints';

const LABELS = { tier: 'front', env: 'prod-eu', 'com.docker.compose.project': 'lab' };

describe('constraints expressions', () => {
  it.each([
    { expr: '', expected: true },
    { expr: 'Label(`tier`, `front`)', expected: true },
    { expr: 'Label("tier", "back")', expected: false },
    { expr: 'Label(`missing`, ``)', expected: true },
    { expr: 'LabelRegex(`env`, `^prod-`)', expected: true },
    { expr: 'LabelRegex(`env`, `eu`)', expected: true },
    { expr: 'LabelRegex(`env`, `^eu`)', expected: false },
    { expr: '!Label(`tier`, `front`)', expected: false },
    { expr: 'Label(`tier`, `back`) || Label(`env`, `prod-eu`)', expected: true },
    { expr: 'Label(`tier`, `front`) && Label(`env`, `dev`)', expected: false },
    { expr: 'Label(`tier`, `back`) || Label(`tier`, `front`) && Label(`env`, `dev`)', expected: false },
    { expr: '(Label(`tier`, `back`) || Label(`tier`, `front`)) && !Label(`env`, `dev`)', expected: true },
    { expr: '!!Label(`com.docker.compose.project`, `lab`)', expected: true },
  ])('$expr → $expected', ({ expr, expected }) => {
    expect(parseConstraints(expr)(LABELS)).toBe(expected);
  });

  it.each([
    { expr: 'Label(`a`', position: 9, message: "expected ','" },
    { expr: 'Label(`a`, `b`) &&', position: 18, message: 'expected Label' },
    { expr: 'Tag(`a`)', position: 0, message: "unknown function 'Tag'" },
    { expr: 'Label(`a`, `b`))', position: 15, message: 'expected end of expression' },
    { expr: 'Label(`a`, `b`) & Label(`c`, `d`)', position: 16, message: 'unexpected' },
    { expr: 'LabelRegex(`a`, `(?=x)`)', position: 16, message: 'invalid regexp' },
  ])('rejects $expr at $position', ({ expr, position, message }) => {
    let error: unknown;
    try {
      parseConstraints(expr);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConstraintsError);
    expect(error).toMatchObject({ position, code: 'LB_DOCKER_CONSTRAINTS' });
    expect((error as Error).message).toContain(message);
  });
});
