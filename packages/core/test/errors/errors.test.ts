import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, isMqError, LeaseLostError, MqError, UnrecoverableError, ValidationError } from '@mq/core';
import { describe, expect, it } from 'vitest';

describe('errors', () => {
  it('are recognised across duplicate package copies by a brand, not instanceof', () => {
    const foreign = Object.assign(new Error('copy'), { code: 'MQ_LEASE_LOST' });
    Object.defineProperty(foreign, Symbol.for('@mq/core.error'), { value: true });
    expect(isMqError(foreign)).toBe(true);
    expect(isMqError(foreign, 'MQ_LEASE_LOST')).toBe(true);
    expect(isMqError(foreign, 'MQ_CLOSED')).toBe(false);
    expect(isMqError(new Error('plain'))).toBe(false);
    expect(isMqError(null)).toBe(false);
  });

  it('carry a stable code, a name and details', () => {
    const lost = new LeaseLostError('q', 'm1');
    expect(lost).toBeInstanceOf(MqError);
    expect(lost).toMatchObject({ code: 'MQ_LEASE_LOST', name: 'LeaseLostError', details: { queueName: 'q', messageId: 'm1' } });
    expect(new UnrecoverableError('no').code).toBe('MQ_UNRECOVERABLE');
    expect(new ValidationError('MQ_INVALID_PRIORITY', 'x').name).toBe('ValidationError');
  });

  it('are all documented in docs/reference/errors.md, and nothing else is', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/reference/errors.md', import.meta.url)), 'utf8');
    const documented = [...doc.matchAll(/^\| `(MQ_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});
