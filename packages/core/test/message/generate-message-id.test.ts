import { describe, expect, it } from 'vitest';
import { generateMessageId } from '../../src/message/generate-message-id.js';
import { validateMessageId } from '../../src/message/validate.js';

describe('generateMessageId', () => {
  it('makes valid, distinct ids that share one per-process prefix', () => {
    const ids = Array.from({ length: 10_000 }, () => generateMessageId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 100)) expect(validateMessageId(id)).toBe(id);
    const prefixes = new Set(ids.map((id) => id.slice(0, id.indexOf('.'))));
    expect(prefixes.size).toBe(1);
    expect([...prefixes][0]).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
});
