import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The fault-injection suite (pnpm test:faults). Not a project of the root config, so `pnpm test`
// never runs it. Files run one at a time: each starts its own processes and Redis servers.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: { conditions: ['@mq/source', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@mq/source', 'node'] } },
  test: {
    name: 'faults',
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: '../.vitest-faults-results.json' }]] : ['default'],
  },
});
