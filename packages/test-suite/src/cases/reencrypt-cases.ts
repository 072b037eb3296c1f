import { isMqError } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';
import { encryption } from './encryption-cases.js';

/** queue.reencrypt(): key rotation over the browse/rewrite seam (docs/encryption.md, "Rotating keys"). */
export function reencryptCases(h: ContractHarness): void {
  h.it('reencrypt() rewrites waiting, delayed, dead and plaintext messages under the active key; the old key can then go', { scanRecords: true, deadLetters: 'listable' }, async () => {
    const { queue: plain, sibling, clock } = await h.setup();
    await plain.enqueue('q', plain.createMessage('t', 'plain', { id: 'p' }));
    const old = await sibling({ encryption: encryption('k1', ['k1']) });
    await old.enqueue('q', old.createMessage('t', 'ready', { id: 'r', userId: 'u1' }));
    await old.enqueue('q', old.createMessage('t', 'delayed', { id: 'd', delayMs: 10_000 }));
    await old.enqueue('q', old.createMessage('t', 'dead', { id: 'x', maxRetries: 0, priority: 10 }));
    const failing = await old.dequeue('q');
    expect(failing?.id).toBe('x');
    if (failing) await old.nack(failing, new Error('gave up'));
    const rotating = await sibling({ encryption: encryption('k2', ['k1', 'k2']) });
    expect(await rotating.reencrypt('q')).toEqual({ rewritten: 4, current: 0, skipped: 0, undecodable: [], inFlight: 0 });
    expect(await rotating.reencrypt('q')).toEqual({ rewritten: 0, current: 4, skipped: 0, undecodable: [], inFlight: 0 });
    const only = await sibling({ encryption: encryption('k2', ['k2']) });
    const errors: Error[] = [];
    only.on('error', (e) => errors.push(e));
    const [dead] = await only.deadLetters('q');
    expect(dead?.decodeError).toBeUndefined();
    expect(dead).toMatchObject({ id: 'x', payload: 'dead', error: { message: 'gave up' } });
    const read = new Map<string, unknown>();
    await clock.advance(10_000);
    for (let m = await only.dequeue('q'); m !== null; m = await only.dequeue('q')) {
      read.set(m.id, m.payload);
      if (m.id === 'r') expect(m.metadata.userId).toBe('u1');
      await only.ack(m);
    }
    expect(read).toEqual(new Map([['p', 'plain'], ['r', 'ready'], ['d', 'delayed']]));
    expect(errors).toEqual([]);
  });

  h.it('reencrypt() while a subscriber runs: in-flight messages are left to it, and afterwards the old key is not needed', { scanRecords: true }, async () => {
    const { queue: old, sibling } = await h.setup({ encryption: encryption('k1', ['k1']) });
    await old.enqueueMany('q', Array.from({ length: 30 }, (_, i) => old.createMessage('t', i, { id: `m${String(i).padStart(2, '0')}` })));
    const consumer = await sibling({ encryption: encryption('k2', ['k1', 'k2']) });
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const handled: unknown[] = [];
    const subscription = consumer.subscribe('q', async (m) => {
      await gate;
      handled.push(m.payload);
    }, { concurrency: 3 });
    await h.eventually(async () => expect((await consumer.getStats('q')).processingMessages).toBe(3));
    const result = await consumer.reencrypt('q');
    expect(result).toMatchObject({ rewritten: 27, skipped: 0, undecodable: [], inFlight: 3 });
    open();
    await h.eventually(() => expect(handled).toHaveLength(30));
    await subscription.close();
    // Every message was handled once; a queue with the new key alone reads what is left (nothing) without failures.
    expect(new Set(handled).size).toBe(30);
    const only = await sibling({ encryption: encryption('k2', ['k2']) });
    expect(await only.dequeue('q')).toBeNull();
  });

  h.it('reencrypt() a queue without encryption fails with MQ_INVALID_CONFIG and changes nothing', { scanRecords: true }, async () => {
    const { queue } = await h.setup();
    await expect(queue.reencrypt('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_INVALID_CONFIG'));
  });

  h.it('reencrypt() fails with MQ_UNSUPPORTED where records cannot be browsed', { scanRecords: false }, async () => {
    const { queue } = await h.setup({ encryption: encryption() });
    await expect(queue.reencrypt('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_UNSUPPORTED') && e.message.includes('capabilities.scanRecords'));
  });
}
