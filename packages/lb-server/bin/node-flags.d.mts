/** The Node flags Junction runs with (see node-flags.mjs). */
export declare const NODE_FLAGS: readonly string[];
/** The environment Junction runs with (see node-flags.mjs). */
export declare const PROCESS_ENV: Readonly<Record<string, string>>;
