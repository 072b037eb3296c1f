import { isMqError } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { assertJsonSerializable } from '../../src/message/assert-json-serializable.js';

describe('assertJsonSerializable', () => {
  it('still works after a getter threw in the middle of a walk', () => {
    const hostile = {
      nested: {
        get boom(): never {
          throw new Error('getter failed');
        },
      },
    };
    expect(() => assertJsonSerializable(hostile)).toThrow('getter failed');
    expect(() => assertJsonSerializable({ a: { b: [1, 2, { c: 'x' }] } })).not.toThrow();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => assertJsonSerializable(cycle)).toThrow(/circular/);
  });

  it('checks a payload that a getter of another payload checks while it is walked', () => {
    let inner: unknown;
    const outer = {
      get value(): number {
        try {
          assertJsonSerializable({ fn: () => 1 });
        } catch (error) {
          inner = error;
        }
        return 1;
      },
      list: [1, 2, 3],
    };
    expect(() => assertJsonSerializable(outer)).not.toThrow();
    expect(isMqError(inner, 'MQ_INVALID_PAYLOAD')).toBe(true);
  });
});
