import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { MessageQueue } from '@mq/core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { createSqsProvider } from '../src/index.js';
import { emulatorClient } from './support/clocked-client.js';
import { startEmulator, type Emulator } from './support/emulator.js';

const WORKER = fileURLToPath(new URL('./support/hanging-worker.ts', import.meta.url));

for (const kind of ['fauxqs', 'local-aws-sqs'] as const) {
  describe(`a consumer killed with SIGKILL (${kind})`, () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator(kind);
    });
    afterAll(async () => {
      await emulator.stop();
    });

    test('its messages come back after the visibility timeout, and nothing is lost', async () => {
      const prefix = `kill${process.pid}${kind[0] ?? ''}-`;
      const client = emulatorClient(emulator.endpoint);
      const queue = new MessageQueue({ provider: createSqsProvider({ client, prefix, longPollSeconds: 1 }), visibilityTimeoutMs: 2000 });
      await queue.connect();
      try {
        const ids = await queue.enqueueMany('jobs', Array.from({ length: 6 }, (_, i) => queue.createMessage('t', i)));
        const worker = spawn(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', WORKER, emulator.endpoint, prefix], { stdio: ['ignore', 'pipe', 'inherit'] });
        const started: string[] = [];
        worker.stdout.on('data', (chunk: Buffer) => {
          for (const line of chunk.toString().split('\n').filter(Boolean)) started.push((JSON.parse(line) as { started: string }).started);
        });
        await vi.waitFor(() => expect(started.length).toBe(2), { timeout: 20_000, interval: 50 });
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.kill('SIGKILL');
        await exited;
        // This consumer takes the rest now, and the killed one's two after their visibility timeout (2 s).
        const handled = new Map<string, number>();
        queue.subscribe('jobs', (m) => void handled.set(m.id, m.attempts), { concurrency: 4 });
        await vi.waitFor(() => expect([...handled.keys()].sort()).toEqual([...ids].sort()), { timeout: 20_000, interval: 100 });
        for (const id of started) expect(handled.get(id)).toBe(2);
      } finally {
        await queue.disconnect();
        client.destroy();
      }
    });
  });
}
