import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port.js';

export interface RedisServer {
  readonly port: number;
  readonly pid: number;
  readonly version: string;
  /** Stops the server by its pid and removes its directory. */
  stop(): Promise<void>;
}

/** Starts a private redis-server on a free loopback port (never 6379): no persistence, own temp dir; `extraArgs` after the usual ones. */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<RedisServer> {
  for (let attempt = 0; ; attempt++) {
    const port = await findFreePort();
    if (port === 6379) continue;
    try {
      return await launch(port, extraArgs);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

function launch(port: number, extraArgs: readonly string[]): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mq-bench-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'notice', ...extraArgs];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server on port ${port} did not start within 5 s:\n${output}`)), 5000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      reject(error);
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`redis-server exited with code ${String(code)}:\n${output}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const version = /Redis version=([\d.]+)/.exec(output)?.[1] ?? 'unknown';
      resolve({ port, pid: child.pid ?? -1, version, stop: () => stopChild(child, dir) });
    });
  });
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.pid === undefined) return done();
    child.once('exit', done);
    process.kill(child.pid, 'SIGTERM');
    setTimeout(() => child.exitCode === null && child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 3000).unref();
  });
}
