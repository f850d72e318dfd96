/**
 * undici's own files, imported one by one by `undici-parts.ts` (they carry no type declarations;
 * `undici-parts.ts` gives each value its type from the package's index types).
 */
declare module 'undici/lib/*' {
  const value: unknown;
  export default value;
}
