import { describe, expect, it } from 'vitest';
import { jsonSerializer } from '../../src/pipeline/json-serializer.js';
import { EnvelopeCodec } from '../../src/message/envelope.js';
import type { EnvelopeFields } from '../../src/message/envelope-fields.js';

const fields = (over: Partial<EnvelopeFields>): EnvelopeFields => ({ type: 't', createdAt: 1000, maxRetries: 3, delayMs: 0, metadata: { headers: {} }, ...over });

function codec(): { encode: (f: EnvelopeFields, payload: unknown) => string; decode: (data: string) => unknown } {
  const envelope = new EnvelopeCodec(new Map([[jsonSerializer.name, jsonSerializer]]), new Map());
  return {
    encode: (f, payload) => envelope.encode(f, jsonSerializer.name, jsonSerializer.serialize(payload)),
    decode: (data) => envelope.decode(data, 'q', 'id'),
  };
}

describe('envelope', () => {
  it('round-trips runs of alike and different headers (the header caches never mix them up)', () => {
    const { encode, decode } = codec();
    const all = [
      fields({}),
      fields({}),
      fields({ createdAt: 1001 }),
      fields({ type: 'u', createdAt: 1001 }),
      fields({ maxRetries: 0, createdAt: 1001 }),
      fields({ delayMs: 5, createdAt: 1001 }),
      fields({ metadata: { userId: 'u1', headers: { h: 'v' } } }),
      fields({ metadata: { userId: 'u1', headers: { h: 'v' } } }),
      fields({}),
    ];
    for (const [i, f] of all.entries()) {
      const decoded = decode(encode(f, { i }));
      expect(decoded).toEqual({ ...f, payload: { i } });
    }
  });

  it('hands out fresh metadata for the same stored header', () => {
    const { encode, decode } = codec();
    const data = encode(fields({ metadata: { conversationId: 'c', headers: { a: '1' } } }), null);
    const first = decode(data) as EnvelopeFields;
    (first.metadata.headers as Record<string, string>).a = 'changed';
    expect((decode(data) as EnvelopeFields).metadata).toEqual({ conversationId: 'c', headers: { a: '1' } });
    expect((decode(data) as EnvelopeFields).metadata).not.toBe(first.metadata);
  });
});
