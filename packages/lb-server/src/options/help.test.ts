import { describe, expect, it } from 'vitest';
import { helpText } from './help';
import { isOptionsError } from './options-error';
import { OPTION_TABLE } from './option-table';
import { parseStaticOptions } from './parse-static-options';

const SAMPLE: Readonly<Record<string, string>> = {
  section: 'true',
  boolean: 'true',
  string: 'x',
  duration: '1s',
  integer: '1',
  address: ':81',
  stringList: 'a,b',
  numberList: '1,2',
};

describe('helpText', () => {
  const text = helpText();
  const listed = [...text.matchAll(/^ {2}--([^\s=[]+)/gm)].map((m) => m[1]);

  it('lists every option of the table, once, with its description and default', () => {
    for (const spec of OPTION_TABLE) {
      expect(listed.filter((key) => key === spec.key)).toHaveLength(1);
      expect(text).toContain(spec.description);
      if (spec.default !== undefined && spec.default !== '') expect(text).toContain(`(default: ${spec.default})`);
    }
  });

  it.each(OPTION_TABLE.filter((spec) => !spec.flagOnly).map((spec) => ({ key: spec.key, spec })))(
    'lists --$key, which the parser accepts',
    ({ key, spec }) => {
      const flag = `--${key.replace('<name>', 'web')}=${spec.values?.[0] ?? SAMPLE[spec.kind] ?? 'x'}`;
      const argv =
        key.startsWith('entryPoints.<name>') && !key.endsWith('.address')
          ? [flag, '--entrypoints.web.address=:81']
          : [flag];
      try {
        parseStaticOptions(argv, {});
      } catch (error) {
        // A semantic complaint (e.g. the file provider needing a filename) is fine; an unknown option is not.
        expect(isOptionsError(error) && error.message).not.toMatch(/unknown option|invalid/);
      }
    },
  );
});
