/**
 * Compiles a regular expression option (Go RE2 syntax, as Traefik reads it) with lb-core's Go
 * regexps (re2js: matching takes time linear in the input, whatever the pattern), turning its
 * `LB_RULE_ARGUMENT` into an `LB_MIDDLEWARE_INVALID` at the option.
 */
import { compileGoRegExp, isLbError, type GoRegExp } from '@junction/lb-core';
import { invalid } from './errors';

/** Compiles `source`; `path` names the option (e.g. `stripPrefixRegex.regex[1]`) in errors. */
export function compileRegexOption(source: string, path: string): GoRegExp {
  try {
    return compileGoRegExp(source);
  } catch (err) {
    if (!isLbError(err)) throw err;
    throw invalid(path, err.message.replace(/^LB_RULE_ARGUMENT: /, ''));
  }
}
