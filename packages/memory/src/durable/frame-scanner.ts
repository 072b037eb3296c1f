import { FRAME_HEADER } from './byte-writer.js';
import { crc32 } from './crc32.js';

/** Where a file's frames end: `goodLength` bytes are whole frames; `badAt`, if set, is where the first bad frame starts. */
export interface ScanEnd {
  readonly goodLength: number;
  /** The bad bytes are a torn tail (a write cut short), safe to cut; false: corruption before the end. */
  readonly torn: boolean;
  readonly badAt?: number;
  /** Set when the scan stopped at `stopAt` with frames left to read. */
  readonly more?: boolean;
}

function allZero(buffer: Buffer, from: number): boolean {
  for (let i = from; i < buffer.length; i++) if (buffer[i] !== 0) return false;
  return true;
}

/**
 * Walks the frames of `buffer` from `from`, calling `visit(start, end)` with each payload's bounds.
 * A frame is whole when its header checks (length and complement) and its payload's CRC-32 matches.
 * The first frame that is not whole ends the scan: it is a torn tail if it is the last thing in the
 * file (a header cut short, a payload running past the end, a bad checksum on the final frame, or
 * zeros a machine crash left), else corruption in the middle.
 */
export function scanFrames(buffer: Buffer, from: number, visit: (start: number, end: number, frameStart: number) => void, stopAt = Infinity): ScanEnd {
  let offset = from;
  const size = buffer.length;
  while (offset < size) {
    if (offset >= stopAt) return { goodLength: offset, torn: false, more: true };
    if (size - offset < FRAME_HEADER) return { goodLength: offset, torn: true, badAt: offset };
    const length = buffer.readUInt32LE(offset);
    const check = buffer.readUInt32LE(offset + 4);
    if ((~length >>> 0) !== check) return { goodLength: offset, torn: allZero(buffer, offset), badAt: offset };
    const end = offset + FRAME_HEADER + length;
    if (end > size) return { goodLength: offset, torn: true, badAt: offset };
    if (crc32(buffer.subarray(offset + FRAME_HEADER, end)) !== buffer.readUInt32LE(offset + 8)) {
      return { goodLength: offset, torn: end === size, badAt: offset };
    }
    visit(offset + FRAME_HEADER, end, offset);
    offset = end;
  }
  return { goodLength: offset, torn: false };
}
