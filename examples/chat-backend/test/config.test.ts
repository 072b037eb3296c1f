import { describe, expect, test } from 'vitest';
import { createMessageQueue, type ProviderFactory } from '@mq/core';
import { CONFIG_VARIABLES, ConfigError, readConfig } from '../src/config.js';

describe('readConfig', () => {
  test('defaults: port 5001, development, management open', () => {
    expect(readConfig({})).toMatchObject({ port: 5001, development: true, adminToken: undefined, socketTokenSecret: undefined, enqueueRatePerMinute: 120 });
  });

  test('PORT overrides the port', () => {
    expect(readConfig({ PORT: '8080' }).port).toBe(8080);
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/);
  });

  test('refuses to start open in production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/QUEUE_ADMIN_TOKEN/);
    expect(() => readConfig({ NODE_ENV: 'production', QUEUE_ADMIN_TOKEN: 't' })).toThrow(/SOCKET_TOKEN_SECRET/);
    expect(() => readConfig({ NODE_ENV: 'staging', SOCKET_TOKEN_SECRET: 's' })).toThrow(/QUEUE_ADMIN_TOKEN/);
    expect(readConfig({ NODE_ENV: 'production', QUEUE_ADMIN_TOKEN: 't', SOCKET_TOKEN_SECRET: 's' })).toMatchObject({ development: false, adminToken: 't' });
  });
});

describe('TRUST_PROXY', () => {
  test('unset: no proxy is trusted; a number of hops or a list of addresses and subnets', () => {
    expect(readConfig({}).trustProxy).toBeUndefined();
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8 ,fd00::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::1']);
  });

  test('refuses "true" (any client could then choose its own address) and what is not an address', () => {
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would trust/);
    expect(() => readConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(new ConfigError('TRUST_PROXY=proxy.internal: "proxy.internal" is not an IP address, a subnet (10.0.0.0/8) or loopback, linklocal, uniquelocal.'));
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(ConfigError);
  });
});

describe('CONFIG_VARIABLES', () => {
  /** An environment that records every variable read from it. */
  function recording(values: Record<string, string> = {}) {
    const read = new Set<string>();
    const env = new Proxy(values, {
      get: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return target[key as string];
      },
    });
    return { env, read };
  }

  test('lists every variable readConfig, createMessageQueue and the provider it chooses read, and nothing else', async () => {
    const { env, read } = recording({ MESSAGE_QUEUE_PROVIDER: 'redis' });
    readConfig(env);
    createMessageQueue({ env });
    // Contract v2 (issue 11): the provider's own variables (REDIS_URL) are read by its factory, which
    // connect() calls; made here directly (its client connects lazily: nothing is contacted).
    // (Typed by hand until @mq/redis's mqProvider is merged: the redis engineer adds that export.)
    const { mqProvider } = (await import('@mq/redis')) as unknown as { mqProvider: ProviderFactory };
    mqProvider.create({ env, options: {} });
    // The memory provider's factory reads MQ_MEMORY_DIR (and MQ_MEMORY_DURABILITY with it).
    const memory = recording({ MQ_MEMORY_DIR: '', MQ_MEMORY_DURABILITY: '' });
    (await import('@mq/memory')).mqProvider.create({ env: memory.env, options: {} });
    for (const name of memory.read) read.add(name);
    // And @mq/sqs's (MESSAGE_QUEUE_PROVIDER=sqs): AWS_REGION, SQS_ENDPOINT, MQ_SQS_PREFIX, MQ_SQS_LONG_POLL_SECONDS, MQ_SQS_FIFO.
    const sqs = await import('@mq/sqs');
    sqs.mqProvider.create({ env, options: {} });
    expect([...read].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
