/** Types of bundle-parts.mjs (what the images' bundles and lb-server's dist share; see there). */
import type { Plugin } from 'esbuild';
import type { Options } from 'tsup';

export declare const CJS_SHIM: string;
export declare function asciiEscape(code: string): string;
export declare const asciiOutput: NonNullable<Options['plugins']>[number];
export declare const SCHEMA_COMPILERS: Readonly<Record<string, string>>;
export declare function schemaCompilerFiles(pkgDir: string): Plugin;
export declare const LAZY_BUILTINS: readonly string[];
export declare function lazyBuiltins(): Plugin;
