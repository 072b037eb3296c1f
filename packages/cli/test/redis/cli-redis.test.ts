import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMessageQueue } from '@mq/core';
import { describe, expect, inject, it } from 'vitest';

const bin = fileURLToPath(new URL('../../src/bin.ts', import.meta.url));

function mq(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

describe('mq on Redis (the test server of the global setup)', () => {
  const url = `redis://127.0.0.1:${inject('redisPort')}`;
  const queueName = `cli-${process.pid}`;

  it('reads stats beside a running app, and purges with --yes (--redis-url)', async () => {
    const app = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url } });
    await app.connect();
    try {
      await app.enqueueMany(queueName, [app.createMessage('a', { n: 1 }), app.createMessage('a', { n: 2 })]);
      const stats = await mq(['stats', queueName, '--json'], { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url });
      expect(stats.code).toBe(0);
      expect(JSON.parse(stats.stdout)).toMatchObject({ queueName, readyMessages: 2 });
      expect((await mq(['purge', queueName], { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url })).code).toBe(2);
      const purged = await mq(['purge', queueName, '--yes', '--json', '--redis-url', url], { MESSAGE_QUEUE_PROVIDER: 'redis' });
      expect(purged.code).toBe(0);
      expect(JSON.parse(purged.stdout)).toEqual({ queueName, removed: 2 });
      expect(await app.size(queueName)).toBe(0);
    } finally {
      await app.disconnect();
    }
  });
});

describe('mq ls, show, pause and resume on Redis, beside a running app', () => {
  const url = `redis://127.0.0.1:${inject('redisPort')}`;
  const queueName = `admin-${process.pid}`;
  const env = { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url };

  it('lists by state, shows one message, and pauses the app\'s consumers until resumed', async () => {
    const app = createMessageQueue({ env });
    await app.connect();
    try {
      const ready = await app.enqueue(queueName, app.createMessage('job', { n: 1 }, { priority: 7 }));
      const delayed = await app.enqueue(queueName, app.createMessage('later', { n: 2 }, { delayMs: 3_600_000 }));
      const table = await mq(['ls', queueName, '--state', 'ready'], env);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(new RegExp(`^${ready}\\s+job\\s+7\\s+0`, 'm'));
      const listed = JSON.parse((await mq(['ls', queueName, '--state', 'delayed', '--json'], env)).stdout) as { items: { id: string }[] };
      expect(listed.items.map((m) => m.id)).toEqual([delayed]);
      const shown = JSON.parse((await mq(['show', queueName, ready, '--json'], env)).stdout) as { state: string; payload: unknown };
      expect(shown).toMatchObject({ state: 'ready', payload: { n: 1 } });
      expect((await mq(['show', queueName, 'missing'], env)).code).toBe(1);

      expect((await mq(['pause', queueName], env)).code).toBe(0);
      expect(await app.isPaused(queueName)).toBe(true);
      expect(await app.dequeue(queueName)).toBeNull();
      expect((await mq(['resume', queueName, '--json'], env)).stdout).toContain('"paused":false');
      expect((await app.dequeue(queueName))?.id).toBe(ready);
    } finally {
      await app.purge(queueName);
      await app.disconnect();
    }
  });
});

describe('mq tail on Redis', () => {
  const url = `redis://127.0.0.1:${inject('redisPort')}`;
  const queueName = `tail-${process.pid}`;

  it('prints completed and dead-lettered messages of a running app until SIGINT, then exits 0', async () => {
    const child = spawn(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', bin, 'tail', queueName, '--json'], {
      env: { PATH: process.env.PATH ?? '', MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const waiters: (() => void)[] = [];
    const wake = (): void => waiters.splice(0).forEach((w) => w());
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), wake()));
    child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), wake()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (ok: () => boolean, what: string): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stdout: ${stdout} stderr: ${stderr}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 250).unref();
        });
      }
    };
    const app = createMessageQueue({ env: { MESSAGE_QUEUE_PROVIDER: 'redis', REDIS_URL: url }, publishEvents: true });
    await app.connect();
    try {
      await until(() => stderr.includes('following'), 'mq tail to start');
      const ok = await app.enqueue(queueName, app.createMessage('good', { n: 1 }));
      const bad = await app.enqueue(queueName, app.createMessage('bad', { n: 2 }, { maxRetries: 0 }));
      for (let i = 0; i < 2; i++) {
        const taken = await app.dequeue(queueName);
        if (taken === null) throw new Error('expected a message');
        if (taken.type === 'good') await app.ack(taken);
        else await app.nack(taken, new Error('boom'));
      }
      await until(() => stdout.trim().split('\n').length >= 2, 'two events');
      const events = stdout.trim().split('\n').map((line) => JSON.parse(line) as { event: string; id: string });
      expect(events.map((e) => [e.event, e.id]).sort()).toEqual([['completed', ok], ['deadLetter', bad]].sort());
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await app.disconnect();
    }
  });
});

declare module 'vitest' {
  export interface ProvidedContext {
    redisPort: number;
  }
}
