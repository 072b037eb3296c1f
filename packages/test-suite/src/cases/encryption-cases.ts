import { aesGcmEncryption, gzipCompression, isMqError } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { peekStored, storedBytes, storedStages, storeIt, testKey } from './stored-data.js';

/** An encryption stage with the keys `ids` (each id always the same key) and `active` writing. */
export const encryption = (active = 'k1', ids: readonly string[] = ['k1']) =>
  aesGcmEncryption({ keys: Object.fromEntries(ids.map((id) => [id, testKey(id.charCodeAt(id.length - 1))])), activeKeyId: active });

const SHAPES: readonly unknown[] = ['text', '', 'ä€😀 "quoted" \\ \n line', 0, -1.5, 1e300, true, false, null, [], [1, 'a', null, [true]], {}, { nested: { deep: [{ x: 1, y: 'z' }] } }];
const META = { userId: 'user-Zq7secret', conversationId: 'conv-Wx9secret', headers: { email: 'alice-Kp3@example.org' } };

/** A chat-like JSON payload of about `bytes` bytes: repetitive, as real JSON is. */
export function chatPayload(bytes: number): { messages: { id: number; user: string; text: string; at: number }[] } {
  const messages = [];
  for (let i = 0; JSON.stringify(messages).length < bytes; i++) messages.push({ id: i, user: `user-${i % 7}`, text: `message number ${i} about topic ${i % 5}`, at: 1_700_000_000_000 + i * 1000 });
  return { messages };
}

/** Encryption and compression on this provider (docs/encryption.md): what is stored, and that it reads back. */
export function encryptionCases(h: ContractHarness): void {
  it('round-trips every JSON payload shape and its metadata, encrypted', async () => {
    const { queue } = await h.setup({ encryption: encryption() });
    await queue.enqueueMany('q', SHAPES.map((payload, i) => queue.createMessage('t', payload, { id: `m${i}`, ...META })));
    const read = new Map<string, unknown>();
    for (let message = await queue.dequeue('q'); message !== null; message = await queue.dequeue('q')) {
      expect(message).toMatchObject({ type: 't', metadata: META });
      read.set(message.id, message.payload);
      await queue.ack(message);
    }
    expect(read).toEqual(new Map(SHAPES.map((payload, i) => [`m${i}`, payload])));
  });

  storeIt(h, 'stores every message under the encryption stage, the key id in its header', {}, async () => {
    const { queue, provider } = await h.setup({ encryption: encryption() });
    await queue.enqueueMany('q', SHAPES.map((payload, i) => queue.createMessage('t', payload, { id: `m${i}` })));
    const stored = await peekStored(provider, 'q');
    expect(stored.size).toBe(SHAPES.length);
    for (const data of stored.values()) expect(storedStages(data)).toEqual([['aes-256-gcm', 'k1']]);
  });

  const stored = h.options.storedValues;
  (stored === undefined ? it.skip : it)(`stores none of a payload's or its metadata's text: waiting, delayed and dead letters${stored === undefined ? ' (not run: no storedValues back door)' : ''}`, async () => {
    const { queue, provider } = await h.setup({ encryption: encryption(), compression: gzipCompression({ minBytes: 64 }) });
    const payload = { note: 'payload-Hj5secret', big: chatPayload(2000) };
    await queue.enqueue('q', queue.createMessage('t', payload, { id: 'ready', ...META }));
    await queue.enqueue('q', queue.createMessage('t', { note: 'payload-Hj5secret' }, { id: 'later', delayMs: 60_000, ...META }));
    await queue.enqueue('q', queue.createMessage('t', { note: 'payload-Hj5secret' }, { id: 'dead', maxRetries: 0, ...META, priority: 10 }));
    const first = await queue.dequeue('q');
    if (first) await queue.nack(first, new Error('failed'));
    const values = (await stored?.(provider)) ?? [];
    expect(values.length).toBeGreaterThan(0);
    const text = values.join('\n');
    for (const secret of ['payload-Hj5secret', 'user-Zq7secret', 'conv-Wx9secret', 'alice-Kp3', 'message number']) expect(text).not.toContain(secret);
  });

  storeIt(h, 'reads a backlog of three key generations and writes under the active key', {}, async () => {
    // Three generations written by queues over one store, each with its own active key.
    const { queue: first, sibling, provider } = await h.setup({ encryption: encryption('k1', ['k1']) });
    await first.enqueue('q', first.createMessage('t', { gen: 1 }, { id: 'g1' }));
    const q2 = await sibling({ encryption: encryption('k2', ['k1', 'k2']) });
    await q2.enqueue('q', q2.createMessage('t', { gen: 2 }, { id: 'g2' }));
    const q3 = await sibling({ encryption: encryption('k3', ['k1', 'k2', 'k3']) });
    await q3.enqueue('q', q3.createMessage('t', { gen: 3 }, { id: 'g3' }));
    const keys = [...(await peekStored(provider, 'q')).entries()].map(([id, data]) => [id, storedStages(data)[0]?.[1]]);
    expect(keys.sort()).toEqual([['g1', 'k1'], ['g2', 'k2'], ['g3', 'k3']]);
    const read: unknown[] = [];
    for (let m = await q3.dequeue('q'); m !== null; m = await q3.dequeue('q')) {
      read.push(m.payload);
      await q3.ack(m);
    }
    expect(read).toEqual(expect.arrayContaining([{ gen: 1 }, { gen: 2 }, { gen: 3 }]));
    expect(read).toHaveLength(3);
  });

  storeIt(h, 'retries and dead-letter replay keep the stored ciphertext as it was (no re-encryption)', { deadLetters: 'listable' }, async () => {
    const { queue, provider, clock } = await h.setup({ encryption: encryption(), retry: { baseDelayMs: 10, jitter: 0 } });
    await queue.enqueue('q', queue.createMessage('t', { n: 1 }, { id: 'm', maxRetries: 1 }));
    const original = (await peekStored(provider, 'q')).get('m');
    const once = await queue.dequeue('q');
    if (once) await queue.nack(once, new Error('again'));
    await clock.advance(10);
    expect((await peekStored(provider, 'q')).get('m')).toEqual(original);
    const twice = await queue.dequeue('q');
    expect(twice?.attempts).toBe(2);
    if (twice) await queue.nack(twice, new Error('dead'));
    expect((await provider.doListDeadLetters('q', { offset: 0, limit: 10 }))[0]?.data).toEqual(original);
    await provider.doReplayDeadLetters('q', undefined);
    expect((await peekStored(provider, 'q')).get('m')).toEqual(original);
    expect((await queue.dequeue('q'))?.payload).toEqual({ n: 1 });
  });

  storeIt(h, 'compresses a 10 KB JSON payload to at most a third of its stored size, before encrypting it', {}, async () => {
    const { queue, provider, sibling } = await h.setup({ compression: gzipCompression({ minBytes: 1024 }), encryption: encryption() });
    const plain = await sibling();
    const payload = chatPayload(10_000);
    await plain.enqueue('plain', plain.createMessage('t', payload, { id: 'p' }));
    await queue.enqueue('q', queue.createMessage('t', payload, { id: 'big' }));
    await queue.enqueue('q', queue.createMessage('t', { small: true }, { id: 'small' }));
    const stored = await peekStored(provider, 'q');
    const plainBytes = storedBytes((await peekStored(provider, 'plain')).get('p') ?? '');
    expect(storedStages(stored.get('big') ?? '')).toEqual([['gzip', ''], ['aes-256-gcm', 'k1']]);
    expect(storedStages(stored.get('small') ?? '')).toEqual([['aes-256-gcm', 'k1']]);
    expect(storedBytes(stored.get('big') ?? '') * 3).toBeLessThanOrEqual(plainBytes);
    const read = new Map<string, unknown>();
    for (let m = await queue.dequeue('q'); m !== null; m = await queue.dequeue('q')) read.set(m.id, m.payload);
    expect(read.get('big')).toEqual(payload);
  });

  it('reads plaintext messages written before encryption was turned on; a queue without encryption dead-letters an encrypted one with unknown-key', async () => {
    const { queue: plain, sibling } = await h.setup();
    await plain.enqueue('q', plain.createMessage('t', 'before', { id: 'old' }));
    const sealed = await sibling({ encryption: encryption() });
    await sealed.enqueue('q', sealed.createMessage('t', 'after', { id: 'new' }));
    expect((await sealed.dequeue('q'))?.payload).toBe('before');
    const errors: Error[] = [];
    plain.on('error', (e) => errors.push(e));
    expect(await plain.dequeue('q')).toBeNull();
    const failure = errors.find((e) => isMqError(e, 'MQ_DECODE_FAILED'));
    expect(isMqError(failure) && failure.details).toMatchObject({ messageId: 'new', reason: 'unknown-key', stage: 'aes-256-gcm' });
  });
}

