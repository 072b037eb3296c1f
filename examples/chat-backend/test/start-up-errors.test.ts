import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runExampleToExit } from './helpers/example-process.js';

/** A port nothing listens on: bound once by the OS, then released. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** It exits 1 with exactly one line, `refusing to start: …`, on stderr: no stack, nothing else. */
async function expectRefusal(env: Record<string, string>, line: RegExp): Promise<string> {
  const exit = await runExampleToExit(env);
  expect(exit.code, exit.stdout + exit.stderr).toBe(1);
  expect(exit.stdout).not.toMatch(/chat backend on/);
  const lines = exit.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^refusing to start: /);
  expect(lines[0]).toMatch(line);
  return lines[0] as string;
}

describe.concurrent('the example refuses to start with one clean line and exit code 1', () => {
  let occupied: Server;
  let occupiedPort: number;
  beforeAll(async () => {
    occupied = createServer();
    await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', resolve));
    occupiedPort = (occupied.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => occupied.close(() => resolve()));
  });

  test('a malformed setting', async () => {
    await expectRefusal({ PORT: 'eighty' }, /PORT=eighty: use a whole number from 0 to 65535/);
    await expectRefusal({ QUEUE_RATE_LIMIT_PER_MINUTE: '0' }, /QUEUE_RATE_LIMIT_PER_MINUTE=0/);
  }, 60_000);

  test('an unknown ROLE, and a split role on the memory provider', async () => {
    await expectRefusal({ ROLE: 'boss' }, /ROLE=boss: use api, worker or all/);
    await expectRefusal({ ROLE: 'worker' }, /ROLE=worker needs MESSAGE_QUEUE_PROVIDER=redis/);
  }, 60_000);

  test('an unknown MESSAGE_QUEUE_PROVIDER', async () => {
    // Contract v2 (issue 11): any well-formed name may be a provider, so it is refused at connect(), listing what is available.
    await expectRefusal({ MESSAGE_QUEUE_PROVIDER: 'bogus' }, /MESSAGE_QUEUE_PROVIDER=bogus: no provider is registered as "bogus" and the @mq\/bogus package is not installed\. Available here: .*\(MQ_PROVIDER_NOT_INSTALLED\)/);
  }, 60_000);

  test('an invalid REDIS_URL, without printing its password', async () => {
    const line = await expectRefusal({ MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: 'http://:hunter2@example.invalid:6379' }, /Invalid REDIS_URL .*does not start with redis:\/\/ or rediss:\/\//);
    expect(line).not.toContain('hunter2');
  }, 60_000);

  test('Redis unreachable at connect', async () => {
    const port = await freePort();
    await expectRefusal({ MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: `redis://127.0.0.1:${port}` }, /Redis at 127\.0\.0\.1:\d+: connection refused .*Check the host and port in REDIS_URL/);
  }, 60_000);

  test('the port is in use', async () => {
    await expectRefusal({ HOST: '127.0.0.1', PORT: String(occupiedPort) }, new RegExp(`port ${occupiedPort} on 127\\.0\\.0\\.1 is already in use`));
  }, 60_000);

  test('HOST is not an address of this machine', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never a local address.
    await expectRefusal({ HOST: '192.0.2.1' }, /HOST=192\.0\.2\.1 is not an address of this machine/);
  }, 60_000);
});
