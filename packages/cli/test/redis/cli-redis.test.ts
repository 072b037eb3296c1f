import { execFile } from 'node:child_process';
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

declare module 'vitest' {
  export interface ProvidedContext {
    redisPort: number;
  }
}
