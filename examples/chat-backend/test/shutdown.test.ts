import { describe, expect, test } from 'vitest';
import { startExample, stopExample } from './helpers/example-process.js';

describe('Ctrl-C and SIGTERM end the example cleanly', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal}: it says so, closes, logs "shutdown finished" and exits 0`, async () => {
      const example = await startExample({});
      const code = await stopExample(example.child, signal);
      expect(code, example.output()).toBe(0);
      expect(example.output()).toMatch(new RegExp(`${signal}: shutting down\\n(.*\\n)*shutdown finished\\n`));
      expect(example.output()).not.toMatch(/error|Error/);
    }, 30_000);
  }

  test('a second signal during the shutdown does not cut it short', async () => {
    const example = await startExample({});
    const exited = new Promise<number | null>((resolve) => example.child.once('exit', resolve));
    // What pnpm does on Ctrl-C: the terminal signals the whole group, pnpm forwards SIGINT, then SIGTERM.
    example.child.kill('SIGINT');
    example.child.kill('SIGINT');
    example.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(example.output().match(/shutting down/g)).toHaveLength(1);
    expect(example.output()).toMatch(/shutdown finished/);
  }, 30_000);
});
