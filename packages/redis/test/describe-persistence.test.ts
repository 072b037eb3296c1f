import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis, type Cluster, type RedisOptions } from 'ioredis';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { startRedisServer, type RedisServer } from './support/redis-server.js';
import { clusterUrl, rawClient } from './support/test-redis.js';

/** What doDescribe() reports for `server`. */
async function describeServer(server: RedisServer, redisOptions: RedisOptions = {}): Promise<unknown> {
  const provider = createRedisProvider({ url: `redis://127.0.0.1:${server.port}`, redisOptions });
  try {
    await provider.doConnect();
    return await provider.doDescribe();
  } finally {
    await provider.doDisconnect();
  }
}

describe('doDescribe(): the persistence in force', () => {
  const servers: RedisServer[] = [];
  let aofEverysec: RedisServer;
  let noAof: RedisServer;
  let noConfig: RedisServer;
  let noConfigNoInfo: RedisServer;

  beforeAll(async () => {
    aofEverysec = await startRedisServer({ appendonly: true, extraArgs: ['--appendfsync', 'everysec'] });
    servers.push(aofEverysec);
    noAof = await startRedisServer({ appendonly: false });
    servers.push(noAof);
    // CONFIG disabled, as managed Redis services often do.
    noConfig = await startRedisServer({ appendonly: true, extraArgs: ['--appendfsync', 'always', '--rename-command', 'CONFIG', ''] });
    servers.push(noConfig);
    noConfigNoInfo = await startRedisServer({ extraArgs: ['--rename-command', 'CONFIG', '', '--rename-command', 'INFO', ''] });
    servers.push(noConfigNoInfo);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('AOF with everysec', async () => {
    expect(await describeServer(aofEverysec)).toEqual({ persistence: { appendonly: 'yes', appendfsync: 'everysec' } });
  });

  it('no AOF', async () => {
    expect(await describeServer(noAof)).toEqual({ persistence: { appendonly: 'no', appendfsync: 'everysec' } });
  });

  it('CONFIG disabled: appendonly from INFO persistence, appendfsync left out', async () => {
    expect(await describeServer(noConfig)).toEqual({ persistence: { appendonly: 'yes' } });
  });

  it('CONFIG and INFO disabled: persistence unknown', async () => {
    // ioredis's ready check runs INFO: without INFO it must be turned off to connect at all.
    expect(await describeServer(noConfigNoInfo, { enableReadyCheck: false })).toEqual({});
  });

  it('a user client works the same (it stays open)', async () => {
    const client = new Redis({ host: '127.0.0.1', port: aofEverysec.port });
    const provider = createRedisProvider({ client });
    await provider.doConnect();
    expect(await provider.doDescribe()).toEqual({ persistence: { appendonly: 'yes', appendfsync: 'everysec' } });
    await provider.doDisconnect();
    expect(await client.ping()).toBe('PONG');
    await client.quit();
  });

  describe('Redis Cluster: read from every master', () => {
    const admin = rawClient(true);
    afterAll(async () => {
      await admin.quit();
    });

    it('one value when the masters agree, each node named when they differ', async () => {
      const provider = createRedisProvider({ url: clusterUrl() });
      await provider.doConnect();
      try {
        // The test cluster runs without AOF (appendfsync has no effect then: safe to change here).
        expect(await provider.doDescribe()).toEqual({ persistence: { appendonly: 'no', appendfsync: 'everysec' } });
        const masters = (admin as Cluster).nodes('master');
        const odd = masters[0] as Redis;
        await odd.config('SET', 'appendfsync', 'always');
        try {
          const described = await provider.doDescribe();
          const oddName = `${odd.options.host}:${odd.options.port}`;
          expect(described.persistence?.appendonly).toBe('no');
          const others = masters.filter((m) => m !== odd).map((m) => `${m.options.host}:${m.options.port}`);
          const groups = described.persistence?.appendfsync?.replace(/^differs: /, '').split('; ');
          expect(groups?.sort()).toEqual([`always on ${oddName}`, `everysec on ${others.sort().join(', ')}`]);
        } finally {
          await odd.config('SET', 'appendfsync', 'everysec');
        }
      } finally {
        await provider.doDisconnect();
      }
    });
  });
});
