import { describe, expect, it } from 'vitest';
import { jsonCodec } from '../../src/codec/json-codec.js';
import { decodeEnvelope, encodeEnvelope, type EnvelopeFields } from '../../src/message/envelope.js';

const codecs = new Map([[jsonCodec.name, jsonCodec]]);
const fields = (over: Partial<EnvelopeFields>): EnvelopeFields => ({ type: 't', createdAt: 1000, maxRetries: 3, delayMs: 0, metadata: { headers: {} }, ...over });

describe('envelope', () => {
  it('round-trips runs of alike and different headers (the header caches never mix them up)', () => {
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
      const decoded = decodeEnvelope(encodeEnvelope(f, { i }, jsonCodec), codecs);
      expect(decoded).toEqual({ ...f, payload: { i } });
    }
  });

  it('hands out fresh metadata for the same stored header', () => {
    const data = encodeEnvelope(fields({ metadata: { conversationId: 'c', headers: { a: '1' } } }), null, jsonCodec);
    const first = decodeEnvelope(data, codecs);
    (first.metadata.headers as Record<string, string>).a = 'changed';
    expect(decodeEnvelope(data, codecs).metadata).toEqual({ conversationId: 'c', headers: { a: '1' } });
    expect(decodeEnvelope(data, codecs).metadata).not.toBe(first.metadata);
  });
});
