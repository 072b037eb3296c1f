import { describe, expect, it } from 'vitest';
import { crc32, crc32Portable } from '../src/durable/crc32.js';

describe('crc32', () => {
  it('gives the standard CRC-32 (IEEE), native and portable alike', () => {
    const check = new TextEncoder().encode('123456789');
    expect(crc32(check)).toBe(0xcbf43926);
    expect(crc32Portable(check)).toBe(0xcbf43926);
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    expect(crc32Portable(bytes)).toBe(crc32(bytes));
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});
