import { MessageQueue } from '@mq/core';
import { Cluster } from 'ioredis';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { rawClient, testProvider } from './support/test-redis.js';
import { redisQueueKeys } from '../src/testing.js';

const open: MessageQueue[] = [];
afterEach(async () => {
  for (const q of open.splice(0)) await q.disconnect();
});

// Issue 10, item 1: the chat backend subscribes to several queues right after connect(); the
// subscriber connection was then still connecting and the SUBSCRIBE of the second and later
// callers failed ("Stream isn't writeable"), reported as MQ_PROVIDER_UNAVAILABLE against a healthy Redis.
describe.each([false, true])('subscriptions made right after connect() (cluster=%s)', (cluster) => {
  const backDoor = rawClient(cluster);
  afterAll(async () => {
    await backDoor.quit();
  });

  // PUBSUB NUMSUB counts the subscribers of the node that answers: on a cluster, ask every master.
  async function subscribers(channel: string): Promise<number> {
    const nodes = backDoor instanceof Cluster ? backDoor.nodes('master') : [backDoor];
    const replies = await Promise.all(nodes.map((node) => node.pubsub('NUMSUB', channel) as Promise<[string, number]>));
    return replies.reduce((sum, reply) => sum + Number(reply[1]), 0);
  }

  it('four subscriptions start waiting for work without an error event', async () => {
    const provider = testProvider({ cluster });
    const queue = new MessageQueue({ provider });
    open.push(queue);
    const errors: unknown[] = [];
    queue.on('error', (error) => errors.push(error));
    await queue.connect();
    const names = ['a', 'b', 'c', 'd'];
    for (const name of names) queue.subscribe(name, () => undefined);
    // Each subscription finds its queue empty and waits on its wake channel: once all four
    // channels have a subscriber, every failed attempt (if any) has been reported already.
    const channels = names.map((name) => redisQueueKeys(provider, name).wakeChannel);
    await vi.waitFor(
      async () => {
        for (const channel of channels) expect(await subscribers(channel), channel).toBeGreaterThanOrEqual(1);
      },
      { timeout: 15_000, interval: 20 },
    );
    expect(errors).toEqual([]);
  });

  it('four waits for work started in one tick right after doConnect() all subscribe', async () => {
    const provider = testProvider({ cluster });
    await provider.doConnect();
    const stop = new AbortController();
    try {
      const names = ['a', 'b', 'c', 'd'];
      // Registered queues go straight to their wake channel: the four SUBSCRIBEs leave in this tick.
      for (const name of names) await provider.doCount(name);
      const waits = names.map((name) => provider.doWaitForWork(name, stop.signal));
      // A wait that fails ends the test at once (it rejected before its channel was subscribed).
      const firstFailure = Promise.race(waits.map((wait) => wait.then(() => new Promise<never>(() => undefined))));
      const channels = names.map((name) => redisQueueKeys(provider, name).wakeChannel);
      const allSubscribed = vi.waitFor(
        async () => {
          for (const channel of channels) expect(await subscribers(channel), channel).toBeGreaterThanOrEqual(1);
        },
        { timeout: 15_000, interval: 20 },
      );
      await Promise.race([allSubscribed, firstFailure]);
      stop.abort();
      await Promise.all(waits);
    } finally {
      stop.abort();
      await provider.doDisconnect();
    }
  });
});
