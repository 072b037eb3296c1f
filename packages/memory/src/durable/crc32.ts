import * as zlib from 'node:zlib';

/** The CRC-32 table (IEEE polynomial), for Node versions without zlib.crc32 (before 20.15). */
let table: Int32Array | undefined;

function crc32InJs(bytes: Uint8Array): number {
  if (table === undefined) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = -1;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** CRC-32 of `bytes` (native zlib.crc32 where Node has it). */
export const crc32: (bytes: Uint8Array) => number = native === undefined ? crc32InJs : (bytes) => native(bytes);

/** The portable implementation, exported for the test that checks both agree. */
export const crc32Portable = crc32InJs;
