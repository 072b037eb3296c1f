import type { RecordData } from '@mq/core/provider';

/** Reads the fields of one frame's payload, in the order ByteWriter wrote them. */
export class ByteReader {
  constructor(
    private readonly buffer: Buffer,
    public offset: number,
    private readonly end: number,
  ) {}

  u8(): number {
    this.need(1);
    return this.buffer[this.offset++] as number;
  }

  u32(): number {
    this.need(4);
    const value = this.buffer.readUInt32LE(this.offset);
    this.offset += 4;
    return value;
  }

  f64(): number {
    this.need(8);
    const value = this.buffer.readDoubleLE(this.offset);
    this.offset += 8;
    return value;
  }

  str(): string {
    const size = this.u32();
    this.need(size);
    const value = this.buffer.toString('utf8', this.offset, this.offset + size);
    this.offset += size;
    return value;
  }

  optStr(): string | undefined {
    return this.u8() === 0 ? undefined : this.str();
  }

  data(): RecordData {
    if (this.u8() === 0) return this.str();
    const size = this.u32();
    this.need(size);
    // A copy: the file's buffer is dropped after recovery.
    const value = new Uint8Array(this.buffer.subarray(this.offset, this.offset + size));
    this.offset += size;
    return value;
  }

  private need(bytes: number): void {
    if (this.offset + bytes > this.end) throw new RangeError(`field runs past the end of its record (${bytes} bytes at ${this.offset})`);
  }
}
