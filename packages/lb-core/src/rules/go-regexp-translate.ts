/**
 * Former home of the Go → JavaScript regexp translator, replaced by re2js (see `go-regexp.ts`);
 * kept so that imports of the structural budget from here keep working. The syntax check now lives
 * in `go-regexp-check.ts`.
 */
export { MAX_REGEXP_NODES } from './go-regexp-check';
