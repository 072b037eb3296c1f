import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { startExample, stopExample } from './helpers/example-process.js';

// Issue 14: with MQ_MEMORY_DIR the example keeps its queues across restarts (two runs of the app as a process).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-chat-persist-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const stats = async (url: string): Promise<{ completedMessages: number; totalMessages: number }> => (await (await fetch(`${url}/api/queue/stats?queueName=chat_messages`)).json()) as never;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('the chat backend on MQ_MEMORY_DIR keeps its queues and counters across a restart', async () => {
  const env = { MQ_MEMORY_DIR: dir, MQ_MEMORY_DURABILITY: 'fsync' };
  const first = await startExample(env);
  try {
    const body = { userId: 'u1', conversationId: 'c1', message: 'kept across restarts', priority: 7 };
    const answer = await fetch(`${first.url}/api/queue/enqueue/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(answer.status).toBe(202);
    await until(() => stats(first.url), (s) => s.completedMessages >= 1, 'the chat message to be handled');
  } finally {
    await stopExample(first.child);
  }
  expect(fs.readdirSync(dir).some((name) => name.endsWith('.mql'))).toBe(true);
  const second = await startExample(env);
  try {
    expect((await stats(second.url)).completedMessages).toBeGreaterThanOrEqual(1);
  } finally {
    await stopExample(second.child);
  }
}, 60_000);
