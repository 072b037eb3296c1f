import { isMqError, type MqError } from '@mq/core';
import { createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import type { RedisProviderOptions } from '../src/redis-provider-options.js';
import { freePort, startRedisServer, type RedisServer } from './support/redis-server.js';
import { createTlsFiles, tlsServerArgs, type TlsFiles } from './support/tls-files.js';

const PASSWORD = 'Sesame-9f3a';

/** connect() of a provider made with `options`; the error it threw (the test fails if it connected). */
async function connectError(options: RedisProviderOptions): Promise<MqError> {
  const provider = createRedisProvider({ connectTimeoutMs: 5000, ...options });
  try {
    await provider.doConnect();
  } catch (error) {
    expect(isMqError(error)).toBe(true);
    return error as MqError;
  } finally {
    await provider.doDisconnect();
  }
  throw new Error('connect() succeeded');
}

/** Nothing of the password anywhere in what the error shows. */
function expectNoPassword(error: MqError): void {
  const shown = JSON.stringify({ message: error.message, details: error.details, cause: String(error.cause), stack: error.stack });
  expect(shown).not.toContain(PASSWORD);
  expect(shown).not.toContain('wrong-one');
}

describe('connect() says what is wrong with the connection (real redis-server)', () => {
  let plain: RedisServer;
  let locked: RedisServer;
  let tlsServer: RedisServer;
  let tls: TlsFiles;

  beforeAll(async () => {
    tls = createTlsFiles();
    plain = await startRedisServer();
    locked = await startRedisServer({ extraArgs: ['--requirepass', PASSWORD] });
    const tlsPort = await freePort();
    tlsServer = await startRedisServer({ port: tlsPort, extraArgs: tlsServerArgs(tls, tlsPort) });
  }, 30_000);

  afterAll(async () => {
    await plain?.stop();
    await locked?.stop();
    await tlsServer?.stop();
    tls?.remove();
  });

  it('connection refused: names host:port (MQ_PROVIDER_UNAVAILABLE)', async () => {
    const port = await freePort();
    const error = await connectError({ url: `redis://127.0.0.1:${port}` });
    expect(error.code).toBe('MQ_PROVIDER_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'connection-refused', nodes: [`127.0.0.1:${port}`] });
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/connection refused/i);
  });

  it('connection refused on every seed node of a cluster URL', async () => {
    const [a, b] = [await freePort(), await freePort()];
    const error = await connectError({ url: `redis://127.0.0.1:${a},redis://127.0.0.1:${b}` });
    expect(error.code).toBe('MQ_PROVIDER_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'connection-refused', nodes: [`127.0.0.1:${a}`, `127.0.0.1:${b}`] });
  });

  it('wrong password (WRONGPASS), for the default user and an ACL user, standalone and cluster URL (MQ_INVALID_CONFIG)', async () => {
    const urls = [
      `redis://:wrong-one@127.0.0.1:${locked.port}`,
      `redis://someone:wrong-one@127.0.0.1:${locked.port}`,
      `redis://:wrong-one@127.0.0.1:${locked.port},redis://:wrong-one@127.0.0.1:${locked.port}`,
    ];
    for (const url of urls) {
      const error = await connectError({ url });
      expect(error.code, url).toBe('MQ_INVALID_CONFIG');
      expect(error.details, url).toMatchObject({ reason: 'wrong-password', field: 'REDIS_URL' });
      expect(error.message).toMatch(/WRONGPASS/);
      expect(error.message).toMatch(/check the password/);
      expectNoPassword(error);
    }
  });

  it('password required but none given (NOAUTH), from a URL and from your own client (MQ_INVALID_CONFIG)', async () => {
    const error = await connectError({ url: `redis://127.0.0.1:${locked.port}` });
    expect(error.code).toBe('MQ_INVALID_CONFIG');
    expect(error.details).toMatchObject({ reason: 'auth-required' });
    expect(error.message).toMatch(/requires a password/);
    expect(error.message).toContain(`127.0.0.1:${locked.port}`);

    const client = new Redis({ host: '127.0.0.1', port: locked.port, lazyConnect: true });
    client.on('error', () => undefined);
    try {
      const own = await connectError({ client });
      expect(own.details).toMatchObject({ reason: 'auth-required' });
    } finally {
      client.disconnect();
    }
  });

  it('the right password connects', async () => {
    const provider = createRedisProvider({ url: `redis://:${PASSWORD}@127.0.0.1:${locked.port}` });
    await provider.doConnect();
    expect(await provider.doHealthCheck()).toBe(true);
    await provider.doDisconnect();
  });

  it('rediss:// to a server without TLS, and redis:// to a TLS server (MQ_INVALID_CONFIG tls-mismatch)', async () => {
    const toPlain = await connectError({ url: `rediss://127.0.0.1:${plain.port}`, connectTimeoutMs: 1000 });
    expect(toPlain.code).toBe('MQ_INVALID_CONFIG');
    expect(toPlain.details).toMatchObject({ reason: 'tls-mismatch' });
    expect(toPlain.message).toMatch(/use redis:\/\//);

    const toTls = await connectError({ url: `redis://127.0.0.1:${tlsServer.port}` });
    expect(toTls.code).toBe('MQ_INVALID_CONFIG');
    expect(toTls.details).toMatchObject({ reason: 'tls-mismatch' });
    expect(toTls.message).toMatch(/use rediss:\/\//);
  });

  it('a TLS certificate the client does not trust (tls-certificate); with its CA it connects', async () => {
    const error = await connectError({ url: `rediss://127.0.0.1:${tlsServer.port}` });
    expect(error.code).toBe('MQ_INVALID_CONFIG');
    expect(error.details).toMatchObject({ reason: 'tls-certificate' });
    expect(error.message).toMatch(/tls: \{ ca \}/);

    const provider = createRedisProvider({ url: `rediss://127.0.0.1:${tlsServer.port}`, redisOptions: { tls: { ca: tls.ca } } });
    await provider.doConnect();
    expect(await provider.doHealthCheck()).toBe(true);
    await provider.doDisconnect();
  });

  it('a host name that does not resolve (MQ_PROVIDER_UNAVAILABLE dns-failure)', async () => {
    const error = await connectError({ url: 'redis://mq-no-such-host.invalid:6379' });
    expect(error.code).toBe('MQ_PROVIDER_UNAVAILABLE');
    expect(error.details).toMatchObject({ reason: 'dns-failure', nodes: ['mq-no-such-host.invalid:6379'] });
    expect(error.message).toContain('"mq-no-such-host.invalid"');
  });

  it('a server that accepts but never answers: timeout, with the time it really took', async () => {
    const sockets: Socket[] = [];
    const server: Server = createServer((socket) => void sockets.push(socket));
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    try {
      const error = await connectError({ url: `redis://:${PASSWORD}@127.0.0.1:${port}`, connectTimeoutMs: 300 });
      expect(error.code).toBe('MQ_PROVIDER_UNAVAILABLE');
      expect(error.details).toMatchObject({ reason: 'timeout', connectTimeoutMs: 300 });
      const elapsedMs = error.details.elapsedMs as number;
      expect(elapsedMs).toBeGreaterThanOrEqual(300);
      expect(error.message).toContain(`after ${elapsedMs} ms`);
      expectNoPassword(error);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
