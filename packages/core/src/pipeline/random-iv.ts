import { randomFillSync } from 'node:crypto';

/**
 * Fresh random bytes for AES-GCM IVs, cut from a pool that one `randomFillSync` refills.
 * `randomBytes(12)` made a native job per call: 5.6 µs on the 2-core bench machine (15 µs loaded),
 * half of a whole seal (docs/encryption.md, "Per message, and what was cut"); a slice of the pool
 * costs ~0.3 µs. Every byte comes from the CSPRNG and is handed out once: the pool is refilled before any
 * slice of it is reused, and a caller copies its slice before the next call (all synchronous).
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let next = POOL_BYTES;

/** `length` fresh random bytes (at most the pool's size), valid until the next call: copy them at once. */
export function randomIv(length: number): Uint8Array {
  if (next + length > POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  const iv = pool.subarray(next, next + length);
  next += length;
  return iv;
}
