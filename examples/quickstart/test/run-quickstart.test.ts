import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runQuickstart } from '../src/run-quickstart.js';

describe('examples/quickstart', () => {
  it('processes by priority, runs the delayed job, retries and dead-letters', async () => {
    const lines = await runQuickstart({ log: () => undefined });
    expect(lines[0]).toBe('processed urgent (priority 10, attempt 1)');
    expect(lines).toContain('processed low (priority 2, attempt 1)');
    expect(lines).toContain('processed later (priority 5, attempt 1)');
    expect(lines).toContain('retrying broken in 50 ms');
    expect(lines).toContain('dead letter in jobs: broken (still broken)');
    expect(lines.at(-1)).toBe('stats: 3 completed, 1 failed, 0 pending');
  });

  it('runs as `pnpm start` does', () => {
    const cwd = fileURLToPath(new URL('..', import.meta.url));
    const run = spawnSync(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', 'src/main.ts'], { cwd, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('processed urgent (priority 10, attempt 1)');
  });
});
