import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageQueue } from '@mq/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));

function mq(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

describe('mq on the persistent in-memory store', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mq-cli-'));
    env = { MESSAGE_QUEUE_PROVIDER: 'memory', MQ_MEMORY_DIR: dir };
    const queue = createMessageQueue({ env });
    await queue.connect();
    await queue.enqueueMany('jobs', [queue.createMessage('a', { n: 1 }), queue.createMessage('a', { n: 2 })]);
    await queue.disconnect(); // the store has a lock: the app must be closed
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints the stats of one queue as JSON', async () => {
    const result = await mq(['stats', 'jobs', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ queueName: 'jobs', readyMessages: 2, pendingMessages: 2 });
  });

  it('prints a table of every queue', async () => {
    const result = await mq(['stats'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^QUEUE\s+READY/);
    expect(result.stdout).toMatch(/jobs\s+2\s+0/);
  });

  it('refuses purge without --yes when stdin is not a terminal, and purges with it', async () => {
    const refused = await mq(['purge', 'jobs'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    const done = await mq(['purge', 'jobs', '--yes', '--json'], env);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ queueName: 'jobs', removed: 2 });
  });

  it('exits 2 on usage errors and on memory without MQ_MEMORY_DIR', async () => {
    expect((await mq(['frobnicate'], env)).code).toBe(2);
    expect((await mq(['stats', '--bogus'], env)).code).toBe(2);
    const noDir = await mq(['stats'], { MESSAGE_QUEUE_PROVIDER: 'memory' });
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toContain('MQ_MEMORY_DIR');
  });

  it('replays dead letters, all of them only with --yes off a terminal', async () => {
    const queue = createMessageQueue({ env });
    await queue.connect();
    const id = await queue.enqueue('failing', queue.createMessage('a', { n: 3 }, { maxRetries: 0 }));
    const taken = await queue.dequeue('failing');
    if (taken === null) throw new Error('nothing taken');
    await queue.nack(taken, new Error('boom'));
    await queue.disconnect();
    expect((await mq(['replay', 'failing', '--all'], env)).code).toBe(2);
    expect((await mq(['replay', 'failing'], env)).code).toBe(2);
    const done = await mq(['replay', 'failing', '--all', '--yes', '--json'], env);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ queueName: 'failing', replayed: [id], notFound: [] });
    const stats = await mq(['stats', 'failing', '--json'], env);
    expect(JSON.parse(stats.stdout)).toMatchObject({ readyMessages: 1, failedMessages: 0 });
  });

  it('lists messages by state (ls) and shows one (show); an unknown id exits 1', async () => {
    const queue = createMessageQueue({ env });
    await queue.connect();
    const dead = await queue.enqueue('failing', queue.createMessage('a', { n: 3 }, { maxRetries: 0 }));
    const taken = await queue.dequeue('failing');
    if (taken === null) throw new Error('nothing taken');
    await queue.nack(taken, new Error('boom'));
    await queue.disconnect();
    const table = await mq(['ls', 'failing', '--state', 'dead'], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+TYPE\s+PRIORITY\s+ATTEMPTS\s+FAILED AT\s+ERROR/);
    expect(table.stdout).toContain(dead);
    expect(table.stdout).toContain('boom');
    const page = await mq(['ls', 'jobs', '--state', 'ready', '--limit', '1', '--json'], env);
    const first = JSON.parse(page.stdout) as { items: { id: string }[]; nextCursor: string | null };
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const rest = JSON.parse((await mq(['ls', 'jobs', '--state', 'ready', '--cursor', first.nextCursor as string, '--json'], env)).stdout) as { items: { id: string }[]; nextCursor: string | null };
    expect(rest.items).toHaveLength(1);
    expect(rest.items[0]?.id).not.toBe(first.items[0]?.id);
    const shown = await mq(['show', 'failing', dead], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/state:\s+dead/);
    expect(shown.stdout).toMatch(/error:\s+Error: boom/);
    expect(JSON.parse((await mq(['show', 'failing', dead, '--json'], env)).stdout)).toMatchObject({ id: dead, state: 'dead', payload: { n: 3 } });
    const missing = await mq(['show', 'failing', 'nope'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('holds no message "nope"');
  });

  it('pause and resume a queue; the stats show it', async () => {
    const paused = await mq(['pause', 'jobs', '--json'], env);
    expect(paused.code).toBe(0);
    expect(JSON.parse(paused.stdout)).toEqual({ queueName: 'jobs', paused: true });
    expect(JSON.parse((await mq(['stats', 'jobs', '--json'], env)).stdout)).toMatchObject({ paused: true });
    expect((await mq(['resume', 'jobs'], env)).code).toBe(0);
    expect(JSON.parse((await mq(['stats', 'jobs', '--json'], env)).stdout)).toMatchObject({ paused: false });
  });

  it('refuses ls without --state, and tail on memory (one owner at a time), with exit 2', async () => {
    const noState = await mq(['ls', 'jobs'], env);
    expect(noState.code).toBe(2);
    expect(noState.stderr).toContain('--state');
    expect((await mq(['ls', 'jobs', '--state', 'ready', '--limit', 'ten'], env)).code).toBe(2);
    const tail = await mq(['tail', 'jobs'], env);
    expect(tail.code).toBe(2);
    expect(tail.stderr).toContain('MESSAGE_QUEUE_PROVIDER=redis');
  });

  it('pauses and resumes a queue across processes: a paused queue hands out nothing, enqueues go on, stats say so', async () => {
    const paused = await mq(['pause', 'jobs', '--json'], env);
    expect(paused.code).toBe(0);
    expect(JSON.parse(paused.stdout)).toEqual({ queueName: 'jobs', paused: true });
    expect(JSON.parse((await mq(['stats', 'jobs', '--json'], env)).stdout)).toMatchObject({ paused: true, readyMessages: 2 });
    const app = createMessageQueue({ env });
    await app.connect();
    expect(await app.isPaused('jobs')).toBe(true);
    expect(await app.dequeue('jobs')).toBeNull();
    await app.enqueue('jobs', app.createMessage('a', { n: 3 }));
    expect(await app.isPaused('other')).toBe(false);
    await app.disconnect();
    const resumed = await mq(['resume', 'jobs'], env);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('jobs resumed.\n');
    expect(JSON.parse((await mq(['stats', 'jobs', '--json'], env)).stdout)).toMatchObject({ paused: false, readyMessages: 3 });
    const after = createMessageQueue({ env });
    await after.connect();
    expect(await after.isPaused('jobs')).toBe(false);
    expect((await after.dequeue('jobs'))?.payload).toEqual({ n: 1 });
    await after.disconnect();
  });

  it('pause and resume take exactly one queue name', async () => {
    expect((await mq(['pause'], env)).code).toBe(2);
    const two = await mq(['resume', 'jobs', 'other'], env);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('one queue name');
  });

  it('prints help per command', async () => {
    const result = await mq(['purge', '--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mq purge <queue> --yes');
  });
});
