import type { RecordData } from '@mq/core/provider';
import { crc32 } from './crc32.js';

/** Bytes before each frame's payload: payload length (u32), its complement (u32), payload CRC-32 (u32). */
export const FRAME_HEADER = 12;

/**
 * A growing buffer that frames are encoded into, reused between flushes (no allocation per
 * record once it has grown). A frame is `beginFrame()`, the fields, `endFrame()`.
 */
export class ByteWriter {
  buffer = Buffer.allocUnsafe(64 * 1024);
  length = 0;
  private frameStart = 0;

  beginFrame(): void {
    this.frameStart = this.length;
    this.reserve(FRAME_HEADER);
    this.length += FRAME_HEADER;
  }

  endFrame(): void {
    const start = this.frameStart;
    const size = this.length - start - FRAME_HEADER;
    const buffer = this.buffer;
    buffer.writeUInt32LE(size, start);
    buffer.writeUInt32LE(~size >>> 0, start + 4);
    buffer.writeUInt32LE(crc32(buffer.subarray(start + FRAME_HEADER, this.length)), start + 8);
  }

  u8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    this.buffer.writeUInt32LE(value, this.length);
    this.length += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.buffer.writeDoubleLE(value, this.length);
    this.length += 8;
  }

  str(value: string): void {
    // Latin-1 and ASCII strings take one byte per char; others at most three (UTF-8).
    this.reserve(4 + value.length * 3);
    const written = this.buffer.write(value, this.length + 4, 'utf8');
    this.buffer.writeUInt32LE(written, this.length);
    this.length += 4 + written;
  }

  /** A string or an optional string (flag byte). */
  optStr(value: string | undefined): void {
    if (value === undefined) {
      this.u8(0);
    } else {
      this.u8(1);
      this.str(value);
    }
  }

  data(value: RecordData): void {
    if (typeof value === 'string') {
      this.u8(0);
      this.str(value);
      return;
    }
    this.u8(1);
    this.reserve(4 + value.byteLength);
    this.buffer.writeUInt32LE(value.byteLength, this.length);
    this.buffer.set(value, this.length + 4);
    this.length += 4 + value.byteLength;
  }

  /** Forgets the bytes written (after a flush); the buffer stays for reuse unless it grew large. */
  clear(): void {
    this.length = 0;
    if (this.buffer.length > 16 * 1024 * 1024) this.buffer = Buffer.allocUnsafe(64 * 1024);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }
}
