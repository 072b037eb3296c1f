import { gzipCompression, isMqError, type MessageQueue } from '@mq/core';
import type { QueueProvider, RecordData } from '@mq/core/provider';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { encryption } from './encryption-cases.js';
import { joinData, removeStored, splitData, storeIt, type SplitData } from './stored-data.js';

/** Changes one byte of a stored envelope v2: of the IV, the tag, the ciphertext, or (a digit of createdAt) the header. */
const TAMPERS: Record<string, (d: SplitData) => SplitData> = {
  'the IV': (d) => ({ ...d, body: flip(d.body, 0) }),
  'the tag': (d) => ({ ...d, body: flip(d.body, d.body.length - 1) }),
  'the ciphertext': (d) => ({ ...d, body: flip(d.body, 12) }),
  'the header': (d) => ({ ...d, header: d.header.replace(/,(\d+),/, (_, n: string) => `,${String(Number(n) + 1)},`) }),
};

function flip(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = (out[at] as number) ^ 1;
  return out;
}

/** Reads the next message of `queueName` (expecting none to be handed out) and returns the MQ_DECODE_FAILED it reported. */
async function decodeFailure(queue: MessageQueue, queueName: string): Promise<Record<string, unknown> | undefined> {
  const errors: Error[] = [];
  const listener = (error: Error): void => void errors.push(error);
  queue.on('error', listener);
  try {
    expect(await queue.dequeue(queueName)).toBeNull();
  } finally {
    queue.off('error', listener);
  }
  const failure = errors.find((e) => isMqError(e, 'MQ_DECODE_FAILED'));
  return isMqError(failure) ? failure.details : undefined;
}

async function put(provider: QueueProvider, queueName: string, id: string, data: RecordData): Promise<void> {
  await provider.doEnqueue(queueName, [{ id, priority: 5, delayMs: 0, data }]);
}

/** Fail closed: what does not decrypt is dead-lettered with MQ_DECODE_FAILED and its reason, never handed to a handler. */
export function encryptionFailureCases(h: ContractHarness): void {
  for (const part of Object.keys(TAMPERS)) storeIt(h, `a stored message with one byte of ${part} changed fails with auth-failed and is dead-lettered`, {}, async () => {
    // The tampered copy goes back under its own id: no idempotency window, which would drop it.
    const { queue, provider } = await h.setup({ encryption: encryption(), idempotencyWindowMs: 0 });
    await queue.enqueue('q', queue.createMessage('t', { secret: 'x'.repeat(40) }, { id: 'm', userId: 'u1' }));
    const data = await removeStored(provider, 'q', 'm');
    await put(provider, 'q', 'm', joinData((TAMPERS[part] as (d: SplitData) => SplitData)(splitData(data))));
    expect(await decodeFailure(queue, 'q')).toMatchObject({ messageId: 'm', queueName: 'q', stage: 'aes-256-gcm', reason: 'auth-failed' });
    expect((await provider.doCount('q')).dead).toBe(1);
  });

  storeIt(h, 'a stored message copied into another queue, or under another id, fails with auth-failed', {}, async () => {
    const { queue, provider } = await h.setup({ encryption: encryption() });
    await queue.enqueue('q', queue.createMessage('t', 'hello', { id: 'm' }));
    const data = await removeStored(provider, 'q', 'm');
    await put(provider, 'other', 'm', data);
    expect(await decodeFailure(queue, 'other')).toMatchObject({ messageId: 'm', queueName: 'other', reason: 'auth-failed' });
    await put(provider, 'q', 'm2', data);
    expect(await decodeFailure(queue, 'q')).toMatchObject({ messageId: 'm2', reason: 'auth-failed' });
  });

  it('a key id this queue does not know dead-letters with unknown-key; the subscription goes on and the event says which', async () => {
    const { queue: writer, sibling } = await h.setup({ encryption: encryption('old', ['old']) });
    const reader = await sibling({ encryption: encryption('new', ['new']) });
    await writer.enqueue('q', writer.createMessage('t', 'gone', { id: 'lost' }));
    await reader.enqueue('q', reader.createMessage('t', 'fine', { id: 'ok' }));
    const failure = h.nextEvent(reader, 'error', (e) => isMqError(e, 'MQ_DECODE_FAILED'));
    const handled: unknown[] = [];
    const subscription = reader.subscribe('q', (m) => void handled.push(m.payload));
    const [error] = await failure;
    expect(isMqError(error) && error.details).toMatchObject({ messageId: 'lost', reason: 'unknown-key', stage: 'aes-256-gcm' });
    expect(error.message).toContain('"old"');
    await h.eventually(() => expect(handled).toEqual(['fine']));
    await reader.enqueue('q', reader.createMessage('t', 'later', { id: 'ok2' }));
    await h.eventually(() => expect(handled).toEqual(['fine', 'later']));
    await subscription.close();
    await h.eventually(async () => expect((await reader.getStats('q')).failedMessages).toBe(1));
  });

  storeIt(h, 'a compressed body that does not inflate fails with corrupt; a truncated encrypted one too', {}, async () => {
    // The damaged copies go back under their own ids: no idempotency window, which would drop them.
    const { queue: zipped, provider, sibling } = await h.setup({ compression: gzipCompression({ minBytes: 10 }), idempotencyWindowMs: 0 });
    await zipped.enqueue('q', zipped.createMessage('t', 'y'.repeat(500), { id: 'z' }));
    const stored = splitData(await removeStored(provider, 'q', 'z'));
    await put(provider, 'q', 'z', joinData({ ...stored, body: stored.body.map((b, i) => (i > 10 ? b ^ 0x55 : b)) }));
    expect(await decodeFailure(zipped, 'q')).toMatchObject({ messageId: 'z', stage: 'gzip', reason: 'corrupt' });
    const sealed = await sibling({ encryption: encryption(), idempotencyWindowMs: 0 });
    await sealed.enqueue('s', sealed.createMessage('t', 'short', { id: 'cut' }));
    const cut = splitData(await removeStored(provider, 's', 'cut'));
    await put(provider, 's', 'cut', joinData({ ...cut, body: cut.body.subarray(0, 20) }));
    expect(await decodeFailure(sealed, 's')).toMatchObject({ messageId: 'cut', stage: 'aes-256-gcm', reason: 'corrupt' });
  });
}
