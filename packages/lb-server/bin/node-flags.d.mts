/** The Node flags Junction runs with (see node-flags.mjs). */
export declare const NODE_FLAGS: readonly string[];
