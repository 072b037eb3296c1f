import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// ioredis 5 (the dev dependency alias "ioredis5"): @mq/redis supports ioredis ^5.4.2 || ^6.0.0.
const ioredis5 = createRequire(import.meta.url).resolve('ioredis5');
const ioredis5Package = createRequire(import.meta.url).resolve('ioredis5/package.json');

const sourceConditions = ['@mq/source', 'node', 'import', 'default'];
// Vitest also passes ssr conditions to Node as --conditions flags: 'import' there would make
// require() load ESM builds of CJS dependencies (express → router → is-promise breaks).
const serverConditions = ['@mq/source', 'node'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: serverConditions } },
  test: {
    // CI reads the JSON report to print its closing line (see .ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
          exclude: ['packages/redis/**', '**/test/redis/**', 'packages/sqs/test/**', '**/test/sqs/**', '**/node_modules/**'],
          typecheck: { enabled: true, include: ['packages/*/test/**/*.test-d.ts'], tsconfig: './tsconfig.typetest.json' },
        },
      },
      {
        extends: true,
        // @mq/redis: real redis-server processes (standalone + 3-master cluster) from the global setup.
        test: {
          name: 'redis',
          // Integrations on Redis: packages/express, packages/socketio and the chat example keep theirs in test/redis/.
          include: ['packages/redis/test/**/*.test.ts', 'packages/*/test/redis/**/*.test.ts', 'examples/*/test/redis/**/*.test.ts'],
          globalSetup: ['packages/redis/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        // @mq/sqs: SQS-compatible servers (fauxqs, local-aws-sqs) that each test file starts on loopback.
        test: {
          name: 'sqs',
          include: ['packages/sqs/test/**/*.test.ts', 'examples/*/test/sqs/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        // @mq/redis's own tests again, with `ioredis` resolved to ioredis 5 (its own servers, from the same global setup).
        resolve: {
          alias: [
            { find: /^ioredis$/, replacement: ioredis5 },
            { find: /^ioredis\/package\.json$/, replacement: ioredis5Package },
          ],
        },
        test: {
          name: 'redis-ioredis5',
          include: ['packages/redis/test/**/*.test.ts'],
          // Left out to keep this project short (about 15 s of worker time); each reason is why ioredis 5 adds nothing there:
          exclude: [
            // No ioredis in them at all.
            ...['wake-hub', 'call-batcher', 'redis-url', 'lua-sources'].map((name) => `packages/redis/test/${name}.test.ts`),
            // Provider logic over the same calls (scripts, sets, one connection) that smoke and both contract suites run here.
            ...['contract-model.property', 'ack-take', 'late-take', 'server-clock', 'shared-state', 'key-isolation', 'bad-input', 'create-message-queue'].map(
              (name) => `packages/redis/test/${name}.test.ts`,
            ),
            // 10 s of real time counting an idle subscriber's commands: our own scripts, the same on either ioredis.
            'packages/redis/test/idle-commands.test.ts',
          ],
          // Forked workers (multi-process.test.ts) map `ioredis` the same way (test/support/ioredis-alias-register.mjs).
          env: { MQ_TEST_IOREDIS_ENTRY: ioredis5 },
          globalSetup: ['packages/redis/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
