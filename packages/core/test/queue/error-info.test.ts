import { describe, expect, it } from 'vitest';
import { decodeErrorInfo, encodeErrorInfo } from '../../src/queue/error-info.js';

describe('stored error info', () => {
  it('keeps name, message, code and the first 20 lines of the stack', () => {
    const error = Object.assign(new TypeError('bad input'), { code: 'E_BAD' });
    error.stack = ['TypeError: bad input', ...Array.from({ length: 30 }, (_, i) => `    at frame${i} (file.js:${i}:1)`)].join('\n');
    const info = decodeErrorInfo(encodeErrorInfo(error));
    expect(info).toMatchObject({ name: 'TypeError', message: 'bad input', code: 'E_BAD' });
    expect(info?.stack?.split('\n')).toHaveLength(20);
    expect(info?.stack?.startsWith('TypeError: bad input\n    at frame0')).toBe(true);
  });

  it('bounds a long stack to 4,000 characters, and stores none when the error has none', () => {
    const long = new Error('x');
    long.stack = `Error: x\n    at ${'y'.repeat(10_000)}`;
    expect(decodeErrorInfo(encodeErrorInfo(long))?.stack).toHaveLength(4000);
    const bare = new Error('no stack');
    bare.stack = undefined;
    expect(decodeErrorInfo(encodeErrorInfo(bare))).toEqual({ name: 'Error', message: 'no stack' });
  });

  it('reads error info stored before stacks were kept', () => {
    expect(decodeErrorInfo(JSON.stringify({ name: 'Error', message: 'old' }))).toEqual({ name: 'Error', message: 'old' });
  });
});
