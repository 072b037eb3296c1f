import { isMqError, MessageQueue } from '@mq/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { createRedisQueue } from '../src/create-redis-queue.js';
import type { RedisProvider } from '../src/redis-provider.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { uniquePrefix } from './support/test-redis.js';
import { redisQueueKeys } from '../src/testing.js';

async function info(client: Redis): Promise<string> {
  return client.info('replication');
}

describe('waitForReplicas (Redis WAIT after each enqueue)', () => {
  let primary: RedisServer;
  let replica: RedisServer | undefined;
  let primaryClient: Redis;
  let replicaClient: Redis;

  beforeAll(async () => {
    // No 5 s wait for more replicas before the first full sync (repl-diskless-sync-delay defaults to 5).
    primary = await startRedisServer({ extraArgs: ['--repl-diskless-sync-delay', '0'] });
    replica = await startRedisServer({ extraArgs: ['--replicaof', '127.0.0.1', String(primary.port)] });
    primaryClient = new Redis({ host: '127.0.0.1', port: primary.port });
    replicaClient = new Redis({ host: '127.0.0.1', port: replica.port, maxRetriesPerRequest: 0, retryStrategy: () => null });
    replicaClient.on('error', () => undefined);
    await vi.waitFor(async () => expect(await info(replicaClient)).toContain('master_link_status:up'), { timeout: 10_000, interval: 20 });
    await vi.waitFor(async () => expect(await info(primaryClient)).toContain('connected_slaves:1'), { timeout: 10_000, interval: 20 });
  }, 30_000);

  afterAll(async () => {
    replicaClient?.disconnect();
    await primaryClient?.quit();
    await replica?.stop();
    await primary?.stop();
  });

  /** The ids of the primary's clients blocked in WAIT (CLIENT LIST: cmd=wait, flag b). */
  async function clientsInWait(): Promise<string[]> {
    const list = (await primaryClient.client('LIST')) as string;
    return list
      .split('\n')
      .filter((line) => / cmd=wait /.test(line) && /flags=\S*b/.test(line))
      .map((line) => /id=(\d+)/.exec(line)?.[1] as string);
  }

  /** How many WAIT commands the primary ran (INFO commandstats). */
  async function waitCalls(): Promise<number> {
    return Number(/cmdstat_wait:calls=(\d+)/.exec(await primaryClient.info('commandstats'))?.[1] ?? 0);
  }

  // Runs first: the next test stops the replica.
  it('takes and acks do not queue behind a pending WAIT (it runs on a connection of its own)', async () => {
    const url = `redis://127.0.0.1:${primary.port}`;
    const prefix = uniquePrefix('wr');
    // Two replicas required, one exists: every WAIT blocks until its timeout (or CLIENT UNBLOCK).
    const provider = createRedisProvider({ url, prefix, commandTimeoutMs: 20_000, waitForReplicas: { replicas: 2, timeoutMs: 15_000 } });
    const producer = createRedisProvider({ url, prefix });
    try {
      await provider.doConnect();
      await producer.doConnect();
      const waitsBefore = await waitCalls();
      await producer.doEnqueue('jobs', [{ id: 'ready-1', priority: 5, delayMs: 0, data: 'x' }]);
      let settled = false;
      const enqueue = provider.doEnqueue('jobs', [{ id: 'waits', priority: 5, delayMs: 0, data: 'y' }]).finally(() => (settled = true));
      enqueue.catch(() => undefined);
      await vi.waitFor(async () => expect(await clientsInWait()).toHaveLength(1), { timeout: 10_000, interval: 20 });

      const [taken] = await provider.doTake('jobs', { max: 1, leaseMs: 30_000 });
      expect(taken?.id).toBe('ready-1');
      expect(await provider.doAck('jobs', { id: 'ready-1', leaseToken: taken?.leaseToken ?? '' }, 1)).toBe(true);
      expect(await provider.doCount('jobs')).toMatchObject({ completed: 1 });
      // Back door: the WAIT is still blocked in Redis, and the enqueue still waits for it.
      const blocked = await clientsInWait();
      expect(blocked).toHaveLength(1);
      expect(settled).toBe(false);

      // Enqueues of three queues sent while the WAIT blocks: Redis holds their scripts behind it.
      // The queues are registered already, so all three scripts leave in this tick, before the UNBLOCK.
      for (const queueName of ['a', 'b', 'c']) await provider.doCount(queueName);
      const later = ['a', 'b', 'c'].map((queueName) => provider.doEnqueue(queueName, [{ id: 'later', priority: 5, delayMs: 0, data: 'z' }]).catch((e: unknown) => e));

      // Ends the WAIT as if it timed out: fewer than two replicas acknowledged (the one replica's
      // acknowledgement may not be in yet), so the enqueue is indeterminate.
      await primaryClient.client('UNBLOCK', blocked[0] as string);
      const error: unknown = await enqueue.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isMqError(error, 'MQ_PROVIDER_UNAVAILABLE')).toBe(true);
      expect((error as Error & { details?: unknown }).details).toMatchObject({ acknowledgedReplicas: expect.toSatisfy((n: number) => n < 2), requiredReplicas: 2 });
      expect(await primaryClient.hget(redisQueueKeys(provider, 'jobs').records, 'waits')).not.toBeNull();

      // The three share one WAIT (it confirms every script written before it), not one WAIT each.
      await vi.waitFor(async () => expect(await clientsInWait()).toHaveLength(1), { timeout: 10_000, interval: 20 });
      await primaryClient.client('UNBLOCK', (await clientsInWait())[0] as string);
      for (const outcome of await Promise.all(later)) expect(outcome).toMatchObject({ code: 'MQ_PROVIDER_UNAVAILABLE', details: { requiredReplicas: 2 } });
      expect(await waitCalls()).toBe(waitsBefore + 2);
    } finally {
      await provider.doDisconnect();
      await producer.doDisconnect();
    }
  }, 30_000);

  it('an enqueue resolves once the replica has the record, and rejects as indeterminate when the replica is gone', async () => {
    const url = `redis://127.0.0.1:${primary.port}`;
    const prefix = uniquePrefix('wr');
    const provider: RedisProvider = createRedisProvider({ url, prefix, waitForReplicas: { replicas: 1, timeoutMs: 2000 } });
    // enqueueTimeoutMs 0: this checks the provider's own answer, not the producer's retries.
    const queue = new MessageQueue({ provider, enqueueTimeoutMs: 0 });
    try {
      await queue.connect();
      const records = redisQueueKeys(provider, 'orders').records;

      // (1) Resolved means the replica has it: read it straight from the replica.
      const id = await queue.enqueue('orders', queue.createMessage('t', { n: 1 }));
      expect(await replicaClient.hget(records, id)).not.toBeNull();
      // Enqueues of one tick share one script call and one WAIT.
      const ids = await Promise.all(Array.from({ length: 10 }, (_, i) => queue.enqueue('orders', queue.createMessage('t', { n: i }))));
      expect(await replicaClient.hlen(records)).toBe(11);
      for (const each of ids) expect(await replicaClient.hget(records, each)).not.toBeNull();

      // (2) Replica stopped: the enqueue is stored on the primary but rejects after about timeoutMs.
      await replica?.stop();
      replica = undefined;
      await vi.waitFor(async () => expect(await info(primaryClient)).toContain('connected_slaves:0'), { timeout: 10_000, interval: 20 });
      const message = queue.createMessage('t', { n: 'unconfirmed' });
      const error: unknown = await queue.enqueue('orders', message).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isMqError(error, 'MQ_PROVIDER_UNAVAILABLE')).toBe(true);
      const mqError = error as Error & { details?: Record<string, unknown> };
      // It was WAIT's own timeout that ended it (not the command bound): no wall-clock threshold needed.
      expect(mqError.details).toMatchObject({ acknowledgedReplicas: 0, requiredReplicas: 1, timeoutMs: 2000 });
      expect(mqError.message).toMatch(/stored on the Redis primary/);
      expect(mqError.message).toMatch(/may or may not survive a failover/);
      expect(await primaryClient.hget(records, message.id)).not.toBeNull();
      expect(await queue.size('orders')).toBe(12);
    } finally {
      await queue.disconnect();
    }
  }, 30_000);

  it('refuses bad option values and Redis Cluster', () => {
    const url = `redis://127.0.0.1:${primary.port}`;
    const bad: unknown[] = [
      null,
      5,
      {},
      { replicas: 0, timeoutMs: 100 },
      { replicas: 1.5, timeoutMs: 100 },
      { replicas: '1', timeoutMs: 100 },
      { replicas: 1, timeoutMs: 0 },
      { replicas: 1, timeoutMs: 2.5 },
      { replicas: 1, timeoutMs: 5000 },
      { replicas: 1 },
    ];
    for (const waitForReplicas of bad) {
      expect(() => createRedisProvider({ url, waitForReplicas: waitForReplicas as never })).toThrow(
        expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringMatching(/waitForReplicas/) }),
      );
    }
    expect(() => createRedisProvider({ url, commandTimeoutMs: 1000, waitForReplicas: { replicas: 1, timeoutMs: 1000 } })).toThrow(/below commandTimeoutMs \(1000\)/);
    expect(() => createRedisProvider({ url: `${url},redis://127.0.0.1:1`, waitForReplicas: { replicas: 1, timeoutMs: 100 } })).toThrow(
      expect.objectContaining({ code: 'MQ_INVALID_CONFIG', message: expect.stringMatching(/not with Redis Cluster/) }),
    );
    expect(() => createRedisQueue({ url, waitForReplicas: { replicas: 0, timeoutMs: 100 } })).toThrow(expect.objectContaining({ code: 'MQ_INVALID_CONFIG' }));
    expect(() => createRedisProvider({ url, waitForReplicas: { replicas: 2, timeoutMs: 4999 } })).not.toThrow();
  });
});
