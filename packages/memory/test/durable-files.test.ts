import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '@mq/core';
import { createInMemoryProvider, type InMemoryProvider } from '@mq/memory';
import { afterAll, describe, expect, it } from 'vitest';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mq-durable-files-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
let next = 0;
const freshDir = (): string => path.join(root, `d${next++}`);
const Q = 'q';

async function open(dir: string, clock = new ManualClock(), warnings: string[] = []): Promise<InMemoryProvider> {
  const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'fsync', onWarning: (m) => warnings.push(m) } });
  await provider.doConnect();
  return provider;
}

const logOf = (dir: string): string => path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.mql')) as string);

async function threeRecords(dir: string): Promise<void> {
  const provider = await open(dir);
  for (const id of ['a', 'b', 'c']) await provider.doEnqueue(Q, [{ id, priority: 5, delayMs: 0, data: `data of ${id}` }]);
  await provider.doDisconnect();
}

const ids = async (provider: InMemoryProvider): Promise<string[]> => (await provider.doTake(Q, { max: 10, leaseMs: 1000 })).map((r) => r.id);

describe('durable in-memory provider: what survives a restart', () => {
  it('keeps waiting and delayed records with due times and priorities, FIFO within a level, dead letters and counters', async () => {
    const dir = freshDir();
    const clock = new ManualClock();
    const first = await open(dir, clock);
    await first.doEnqueue(Q, [
      { id: 'low', priority: 1, delayMs: 0, data: 'l' },
      { id: 'high1', priority: 9, delayMs: 0, data: 'h1' },
      { id: 'high2', priority: 9, delayMs: 0, data: new Uint8Array([1, 2, 3]) },
      { id: 'later', priority: 10, delayMs: 5000, data: 'x' },
      { id: 'doomed', priority: 2, delayMs: 0, data: 'd' },
      { id: 'done', priority: 3, delayMs: 0, data: 'ok' },
    ]);
    const [done] = await first.doTake(Q, { max: 1, leaseMs: 1000 });
    expect(done?.id).toBe('high1');
    await first.doAck(Q, { id: 'high1', leaseToken: done?.leaseToken ?? '' }, 40);
    const [doomed] = (await first.doTake(Q, { max: 3, leaseMs: 1000 })).filter((r) => r.id === 'high2');
    await first.doDeadLetter(Q, { id: 'high2', leaseToken: doomed?.leaseToken ?? '' }, 'boom');
    await first.doDisconnect();

    const second = await open(dir, clock);
    // 'done' and 'doomed' were leased by the first process: their leases run out first.
    expect(await second.doCount(Q)).toMatchObject({ ready: 1, delayed: 1, processing: 2, dead: 1, completed: 1, processingMsTotal: 40 });
    const [dead] = await second.doListDeadLetters(Q, { offset: 0, limit: 10 });
    expect(dead).toMatchObject({ id: 'high2', error: 'boom', attempts: 1, data: new Uint8Array([1, 2, 3]) });
    await clock.advance(1001);
    const taken = await second.doTake(Q, { max: 10, leaseMs: 1000 });
    // Redelivered with the attempt counted, reclaimed to the front in their old order, then the rest.
    expect(taken.map((r) => [r.id, r.attempts])).toEqual([
      ['done', 2],
      ['doomed', 2],
      ['low', 1],
    ]);
    for (const record of taken) await second.doAck(Q, record, 1);
    await clock.advance(4000);
    expect(await ids(second)).toEqual(['later']);
    expect(await second.doCount(Q)).toMatchObject({ completed: 4, processingMsTotal: 43 });
    await second.doDisconnect();
  });

  it('compacts the log into a snapshot and loses nothing across it', async () => {
    const dir = freshDir();
    const clock = new ManualClock();
    const provider = createInMemoryProvider({ clock, persistence: { dir, durability: 'batch', compactAfterBytes: 2000 } });
    await provider.doConnect();
    for (let i = 0; i < 200; i++) await provider.doEnqueue(Q, [{ id: `m${i}`, priority: 1 + (i % 10), delayMs: 0, data: `payload ${i}` }]);
    for (const record of await provider.doTake(Q, { max: 100, leaseMs: 1000 })) await provider.doAck(Q, record, 1);
    await provider.doDisconnect();
    expect(fs.readdirSync(dir).some((f) => f.startsWith('snapshot-'))).toBe(true);
    const again = await open(dir, clock);
    expect(await again.doCount(Q)).toMatchObject({ ready: 100, completed: 100 });
    await again.doDisconnect();
  });
});

describe('durable in-memory provider: damaged files', () => {
  it('a torn tail is cut at the last whole record, with a warning naming the bytes dropped', async () => {
    const dir = freshDir();
    await threeRecords(dir);
    const log = logOf(dir);
    const whole = fs.statSync(log).size;
    // A record cut short: its first 9 bytes, as a process killed mid-write leaves it.
    fs.appendFileSync(log, fs.readFileSync(log).subarray(0, 9));
    const warnings: string[] = [];
    const provider = await open(dir, new ManualClock(), warnings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('cut 9 bytes');
    expect(fs.statSync(log).size).toBe(whole);
    expect(await ids(provider)).toEqual(['a', 'b', 'c']);
    await provider.doDisconnect();
  });

  it('a flipped byte in the last record is a torn tail: that record is cut', async () => {
    const dir = freshDir();
    await threeRecords(dir);
    const log = logOf(dir);
    const bytes = fs.readFileSync(log);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
    fs.writeFileSync(log, bytes);
    const warnings: string[] = [];
    const provider = await open(dir, new ManualClock(), warnings);
    expect(warnings[0]).toMatch(/cut \d+ bytes/);
    expect(await ids(provider)).toEqual(['a', 'b']);
    await provider.doDisconnect();
  });

  it('a flipped byte in the middle stops connect() with MQ_STORE_CORRUPT and the offset, and changes no file', async () => {
    const dir = freshDir();
    await threeRecords(dir);
    const log = logOf(dir);
    const bytes = fs.readFileSync(log);
    // Inside the payload of the second frame (the first is the queue's creation).
    const firstLength = 12 + bytes.readUInt32LE(0);
    const secondLength = 12 + bytes.readUInt32LE(firstLength);
    const target = firstLength + secondLength + 20;
    bytes.writeUInt8(bytes.readUInt8(target) ^ 0x01, target);
    fs.writeFileSync(log, bytes);
    const provider = createInMemoryProvider({ persistence: { dir, durability: 'fsync' } });
    const error = await provider.doConnect().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'MQ_STORE_CORRUPT', details: { file: log, offset: firstLength + secondLength } });
    expect((error as Error).message).toContain(`byte ${firstLength + secondLength}`);
    expect(fs.readFileSync(log)).toEqual(bytes);
    // The lock is given back: a fixed folder can be opened by the same process.
    fs.writeFileSync(log, bytes.subarray(0, firstLength + secondLength));
    const fixed = await open(dir);
    expect(await ids(fixed)).toEqual(['a']);
    await fixed.doDisconnect();
  });

  it('a corrupt length field in the middle is corruption too, not a tail', async () => {
    const dir = freshDir();
    await threeRecords(dir);
    const log = logOf(dir);
    const bytes = fs.readFileSync(log);
    const firstLength = 12 + bytes.readUInt32LE(0);
    bytes.writeUInt32LE(1_000_000, firstLength);
    fs.writeFileSync(log, bytes);
    await expect(createInMemoryProvider({ persistence: { dir } }).doConnect()).rejects.toMatchObject({ code: 'MQ_STORE_CORRUPT', details: { offset: firstLength } });
  });
});

describe('durable in-memory provider: one owner per folder', () => {
  it('a second process on the same folder fails with MQ_STORE_LOCKED naming the pid; a dead owner`s lock is taken over', async () => {
    const dir = freshDir();
    const holder = spawn(process.execPath, ['--conditions=@mq/source', '--import', 'tsx', fileURLToPath(new URL('./support/lock-holder.mjs', import.meta.url)), dir], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the lock holder did not start within 30 s')), 30_000);
        holder.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('locked')) {
            clearTimeout(timer);
            resolve();
          }
        });
        holder.once('exit', (code) => reject(new Error(`the lock holder exited (${code})`)));
      });
      const second = createInMemoryProvider({ persistence: { dir } });
      const error = await second.doConnect().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'MQ_STORE_LOCKED', details: { pid: holder.pid } });
      expect((error as Error).message).toContain(`process ${holder.pid}`);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The holder died without unlocking: its lock is stale and taken over.
    expect(fs.readFileSync(path.join(dir, 'LOCK'), 'utf8')).toBe(String(holder.pid));
    const third = await open(dir);
    const fourth = createInMemoryProvider({ persistence: { dir } });
    await expect(fourth.doConnect()).rejects.toMatchObject({ code: 'MQ_STORE_LOCKED', details: { pid: process.pid } });
    await third.doDisconnect();
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });
});
