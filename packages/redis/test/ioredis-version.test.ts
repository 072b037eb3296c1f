import { createRequire } from 'node:module';
import { expect, it, vi } from 'vitest';
import { createRedisProvider } from '../src/create-redis-provider.js';
import { forkWorker, killWorker, type WorkerEvent } from './support/fork-worker.js';

// The ioredis copy the tests run on: 6 in the 'redis' project, 5 in 'redis-ioredis5' (root vitest.config.ts).
const expectedMajor = process.env.MQ_TEST_IOREDIS_ENTRY === undefined ? '6' : '5';

it(`runs on ioredis ${expectedMajor} in this project, in the tests and in forked workers`, async () => {
  // Resolved like the source's `import … from 'ioredis'` (the project's alias applies to both).
  const specifier = 'ioredis/package.json';
  const pkg = (await import(/* @vite-ignore */ specifier, { with: { type: 'json' } })) as { default: { version: string } };
  expect(pkg.default.version.split('.')[0]).toBe(expectedMajor);
  // The source under test got that copy: its client is an instance of the class Node loads from it.
  const require = createRequire(import.meta.url);
  const expected = require(process.env.MQ_TEST_IOREDIS_ENTRY ?? require.resolve('ioredis')) as typeof import('ioredis');
  const provider = createRedisProvider({ url: 'redis://127.0.0.1:6390' });
  expect((provider as unknown as { parts: { connection: { client: unknown } } }).parts.connection.client).toBeInstanceOf(expected.Redis);

  const events: (WorkerEvent & { version?: string })[] = [];
  const child = forkWorker('ioredis-version-worker.ts', {}, (event) => events.push(event));
  try {
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 20_000, interval: 20 });
    expect(events[0]?.version?.split('.')[0]).toBe(expectedMajor);
  } finally {
    await killWorker(child);
  }
});
