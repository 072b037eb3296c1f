import { defineConfig } from 'vitest/config';

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
          exclude: ['packages/redis/**', '**/test/redis/**', '**/node_modules/**'],
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
    ],
  },
});
