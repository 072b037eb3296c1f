import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXAMPLE_DIR as cwd, START_ARGS, startExample, stopExample } from './helpers/example-process.js';
import { runSpecCurlSequence } from './helpers/spec-curl-sequence.js';

describe('examples/chat-backend as a process (the spec curl commands)', () => {
  let example: Awaited<ReturnType<typeof startExample>>;
  beforeAll(async () => {
    example = await startExample({ MESSAGE_QUEUE_PROVIDER: 'memory' });
  }, 30_000);
  afterAll(async () => {
    if (example !== undefined) expect(await stopExample(example.child)).toBe(0);
  }, 15_000);

  test('API Endpoints, Monitoring & Observability, Integration Tests and Debugging Commands', async () => {
    await runSpecCurlSequence(example.url, 'memory');
  }, 30_000);
});

describe('examples/chat-backend start-up checks', () => {
  test('pnpm start runs the command this test uses', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; scripts: Record<string, string> };
    expect(pkg.name).toBe('example-chat-backend');
    expect(pkg.scripts.start).toBe(`exec node ${START_ARGS.join(' ')}`);
  });

  test('refuses to start open with NODE_ENV=production', () => {
    const run = spawnSync(process.execPath, START_ARGS, { cwd, env: { ...process.env, NODE_ENV: 'production', PORT: '0', QUEUE_ADMIN_TOKEN: '' }, encoding: 'utf8', timeout: 25_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/refusing to start: NODE_ENV=production: set QUEUE_ADMIN_TOKEN/);
  }, 30_000);
});
