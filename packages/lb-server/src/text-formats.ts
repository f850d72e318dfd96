/**
 * The YAML and TOML parsers, in one place for the option sources and the file provider. They are
 * imported statically: the images and `npm start` run a bundle with every npm package inlined
 * (`docker/scripts/stage.mjs`), where a runtime `require('yaml')` finds no `node_modules`. The cost
 * at idle is small: a file provider reading YAML holds `yaml` anyway, and `smol-toml` is a few
 * hundred kilobytes.
 */
import * as Toml from 'smol-toml';
import * as Yaml from 'yaml';

/** The `yaml` package. */
export function yamlParser(): typeof Yaml {
  return Yaml;
}

/** The `smol-toml` package. */
export function tomlParser(): typeof Toml {
  return Toml;
}
