import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { REPO_DIR, whenListening, type ExampleProcess } from './helpers/example-process.js';

// The README's quick start: `npm i -g pnpm@10.34.9 && pnpm install && pnpm start`, then Ctrl-C.
describe('the README quick start', () => {
  let started: ExampleProcess | undefined;
  const temps: string[] = [];
  afterEach(() => {
    // A test that failed half-way leaves no process group behind.
    const child = started?.child;
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    started = undefined;
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
    // A fresh install's node_modules: removing it can take a while on a busy machine.
  }, 60_000);

  test('a fresh `pnpm install` prints no warning a user cannot act on', () => {
    // A copy of the workspace's manifests and lockfile, installed from the local store (no network).
    const dir = mkdtempSync(join(tmpdir(), 'mq-fresh-install-'));
    temps.push(dir);
    const listed = spawnSync('git', ['ls-files', 'package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '*/package.json'], { cwd: REPO_DIR, encoding: 'utf8' });
    const files = listed.stdout.split('\n').filter((f) => f !== '');
    expect(files).toContain('pnpm-workspace.yaml');
    for (const file of files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      copyFileSync(join(REPO_DIR, file), join(dir, file));
    }
    const install = spawnSync('pnpm', ['install', '--frozen-lockfile', '--offline'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
    const output = install.stdout + install.stderr;
    expect(install.status, output).toBe(0);
    expect(output).not.toMatch(/Ignored build scripts|approve-builds|WARN/);
  }, 120_000);

  test('`pnpm start` ends without a failure report on Ctrl-C (SIGINT to the process group)', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/pnpm --filter example-chat-backend start/);
    // detached: its own process group, as a terminal's foreground job is; signals at their defaults.
    const child = spawn('pnpm', ['start'], { cwd: REPO_DIR, detached: true, env: { ...process.env, NODE_ENV: '', PORT: '0', ROLE: '', MESSAGE_QUEUE_PROVIDER: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => resolve([code, signal])));
    started = await whenListening(child);
    process.kill(-(child.pid as number), 'SIGINT');
    const [code, signal] = await exited;
    const output = started.output();
    expect(output).toMatch(/shutdown finished/);
    expect(output).not.toMatch(/ELIFECYCLE|Command failed|ERR_PNPM/);
    expect([code, signal], output).toEqual([0, null]);
  }, 60_000);
});
