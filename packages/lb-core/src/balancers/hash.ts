/**
 * Small, fast, non-cryptographic 32-bit hashes for consistent hashing: FNV-1a over a string's
 * UTF-16 code units, and MurmurHash3's 32-bit finaliser to mix a key with a server seed
 * (`fmix32(fmix32(key) ^ seed)` scores one server for one key).
 * Pure arithmetic (`Math.imul`), no allocation.
 */

/** FNV-1a (32-bit) over the UTF-16 code units of `text`, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's `fmix32` finaliser: a bijective avalanche mix of a 32-bit integer. */
export function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
