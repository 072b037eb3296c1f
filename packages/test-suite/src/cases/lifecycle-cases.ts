import { isMqError } from '@mq/core';
import { expect, it } from 'vitest';
import type { ContractHarness } from '../contract-harness.js';

/** connect/disconnect are idempotent; calls before connect or after disconnect fail clearly. */
export function lifecycleCases(h: ContractHarness): void {
  it('connects and disconnects twice without error', async () => {
    const { provider, clock } = await h.setup();
    const queue = h.unconnected(provider, clock);
    await Promise.all([queue.connect(), queue.connect()]);
    await queue.connect();
    expect((await queue.health()).healthy).toBe(true);
    await queue.disconnect();
    await queue.disconnect();
    expect((await queue.health()).healthy).toBe(false);
  });

  it('fails calls before connect() with MQ_NOT_CONNECTED', async () => {
    const { provider, clock } = await h.setup();
    const queue = h.unconnected(provider, clock);
    const message = queue.createMessage('t', 'x');
    await expect(queue.enqueue('q', message)).rejects.toSatisfy((e) => isMqError(e, 'MQ_NOT_CONNECTED'));
    await expect(queue.dequeue('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_NOT_CONNECTED'));
    await expect(queue.getStats()).rejects.toSatisfy((e) => isMqError(e, 'MQ_NOT_CONNECTED'));
    expect(() => queue.subscribe('q', () => undefined)).toThrow(expect.objectContaining({ code: 'MQ_NOT_CONNECTED' }));
    expect(await queue.health()).toMatchObject({ healthy: false, provider: queue.providerName });
  });

  it('fails calls after disconnect() with MQ_CLOSED and cannot reconnect', async () => {
    const { provider, clock } = await h.setup();
    const queue = h.unconnected(provider, clock);
    await queue.connect();
    await queue.enqueue('q', queue.createMessage('t', 'x'));
    const taken = await queue.dequeue('q');
    await queue.disconnect();
    await expect(queue.enqueue('q', queue.createMessage('t', 'y'))).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
    await expect(queue.size('q')).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
    if (taken === null) throw new Error('expected a message');
    await expect(queue.ack(taken)).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
    await expect(queue.connect()).rejects.toSatisfy((e) => isMqError(e, 'MQ_CLOSED'));
  });

  it('disconnect() stops subscriptions', async () => {
    const { provider, clock } = await h.setup();
    const queue = h.unconnected(provider, clock);
    await queue.connect();
    const subscription = queue.subscribe('q', () => undefined);
    await queue.disconnect();
    expect(subscription.closed).toBe(true);
  });
}
