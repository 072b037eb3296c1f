import { isMqError } from '@mq/core';
import { expect } from 'vitest';
import type { ContractHarness, ContractSetup } from '../contract-harness.js';

/** The refusal of a seam the provider lacks: MQ_UNSUPPORTED naming the provider and the capability. */
async function expectUnsupported(setup: ContractSetup, call: Promise<unknown>, capability: string): Promise<void> {
  const error: unknown = await call.then(
    () => new Error('expected MQ_UNSUPPORTED, but the call succeeded'),
    (e: unknown) => e,
  );
  expect(isMqError(error, 'MQ_UNSUPPORTED') ? error.details : error).toMatchObject({ provider: setup.queue.providerName, capability });
}

/** Nothing of `queueName` reached the store, and the app does not list it. */
async function expectNothingStored(setup: ContractSetup, queueName: string): Promise<void> {
  expect(await setup.storeQueues()).not.toContain(queueName);
  expect(await setup.queue.listQueues()).not.toContain(queueName);
  expect(await setup.raw(queueName)).toSatisfy((c) => c === undefined || (c.waiting === 0 && c.leased === 0 && c.dead === 0));
  expect(await setup.queue.dequeue(queueName)).toBeNull();
}

/**
 * The seams of the features that follow (deduplication, groups, partitions, routing): each is
 * refused with MQ_UNSUPPORTED, storing nothing, where the provider lacks it (today: everywhere).
 */
export function seamCases(h: ContractHarness): void {
  h.it('refuses a message with a deduplication key and stores nothing', { deduplication: false }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const keyed = queue.createMessage('t', 1, { deduplication: { key: 'order-42', ttlMs: 60_000 } });
    await expectUnsupported(setup, queue.enqueue('q', keyed), 'deduplication');
    await expectUnsupported(setup, queue.enqueueMany('q', [queue.createMessage('t', 0), keyed]), 'deduplication');
    await expectNothingStored(setup, 'q');
  });

  h.it('refuses a message with a group id and stores nothing', { groups: false }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    const grouped = queue.createMessage('t', 1, { groupId: 'tenant-7' });
    await expectUnsupported(setup, queue.enqueue('q', grouped), 'groups');
    await expectUnsupported(setup, queue.enqueueMany('q', [queue.createMessage('t', 0), grouped]), 'groups');
    await expectNothingStored(setup, 'q');
  });

  h.it('refuses a subscription with groupConcurrency and takes nothing', { groups: false }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await queue.enqueue('q', queue.createMessage('t', 'waiting'));
    let handled = 0;
    await expectUnsupported(setup, Promise.resolve().then(() => queue.subscribe('q', () => void handled++, { groupConcurrency: 2 })), 'groups');
    const message = await queue.dequeue('q');
    expect(message).toMatchObject({ payload: 'waiting', attempts: 1 });
    expect(handled).toBe(0);
  });

  h.it('refuses a queue spread over several partitions and stores nothing; one partition is accepted', { partitions: false }, async () => {
    const setup = await h.setup();
    await expectUnsupported(setup, setup.queue.declareQueue('q', { partitions: 4 }), 'partitions');
    await expectNothingStored(setup, 'q');
    await setup.queue.declareQueue('q', { partitions: 1 });
  });

  h.it('refuses a routing binding', { routing: false }, async () => {
    const setup = await h.setup();
    await expectUnsupported(setup, setup.queue.bind({ pattern: 'orders.*', queue: 'q' }), 'routing');
    await expectNothingStored(setup, 'q');
  });

  h.it('refuses a publish to a topic and stores nothing', { routing: false }, async () => {
    const setup = await h.setup();
    const { queue } = setup;
    await expectUnsupported(setup, queue.publish('orders.created', queue.createMessage('t', 1), { mandatory: true }), 'routing');
    expect(await setup.storeQueues()).toEqual([]);
    expect(await queue.listQueues()).toEqual([]);
  });
}
