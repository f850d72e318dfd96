import { describe, expect, it } from 'vitest';
import { compileRuleTemplate, normalizeName, RuleTemplateError } from './template';

const MODEL = {
  Name: 'dynamic-lab',
  ContainerName: 'lab_dynamic_1',
  Labels: { app: 'Jokes', 'com.docker.compose.service': 'dynamic' },
};

describe('defaultRule templates', () => {
  it.each([
    { source: 'Host(`{{ normalize .Name }}`)', expected: 'Host(`dynamic-lab`)' },
    { source: 'Host(`{{ .Name }}.localhost`)', expected: 'Host(`dynamic-lab.localhost`)' },
    { source: 'Host(`{{ .ContainerName }}`)', expected: 'Host(`lab_dynamic_1`)' },
    { source: 'Host(`{{ normalize .ContainerName }}`)', expected: 'Host(`lab-dynamic-1`)' },
    { source: 'Host(`{{ index .Labels "com.docker.compose.service" }}`)', expected: 'Host(`dynamic`)' },
    { source: 'Host(`{{ index .Labels "missing" }}x`)', expected: 'Host(`x`)' },
    { source: 'Host(`{{ .Labels.app | lower }}`)', expected: 'Host(`jokes`)' },
    { source: 'Host(`{{ upper (index .Labels `app`) }}`)', expected: 'Host(`JOKES`)' },
    { source: 'Host(`{{ default "none" .Labels.nope }}`)', expected: 'Host(`none`)' },
    { source: 'Host(`  {{- trim " a " -}}  `)', expected: 'Host(`a`)' },
    { source: 'PathPrefix(`/`)', expected: 'PathPrefix(`/`)' },
  ])('$source', ({ source, expected }) => {
    expect(compileRuleTemplate(source)(MODEL)).toBe(expected);
  });

  it.each([
    { source: 'Host(`{{ .Nme }}`)', message: "unknown field '.Nme'" },
    { source: 'Host(`{{ slugify .Name }}`)', message: "unknown function 'slugify'" },
    { source: 'Host(`{{ .Name `)', message: 'unclosed action' },
    { source: 'Host(`{{ index .Labels }}`)', message: 'index takes 2 argument(s), got 1' },
    { source: 'Host(`{{ .Name | .Name }}`)', message: 'pipeline stage must be a function' },
  ])('rejects $source', ({ source, message }) => {
    expect(() => compileRuleTemplate(source)).toThrow(RuleTemplateError);
    expect(() => compileRuleTemplate(source)).toThrow(message);
  });

  it('fails at render time when a map is printed', () => {
    expect(() => compileRuleTemplate('{{ .Labels }}')(MODEL)).toThrow('expected a string');
  });

  it.each([
    ['lab_dynamic_1', 'lab-dynamic-1'],
    ['/My.App__x', 'My-App-x'],
    ['été-1', 'été-1'],
    ['---', ''],
  ])('normalize(%s) = %s (Traefik provider.Normalize)', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});
