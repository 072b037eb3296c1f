import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface WorkerEvent {
  readonly type: 'ready' | 'start' | 'done';
  readonly id?: string;
  readonly attempt?: number;
  /** group-consumer-worker.ts: the message's group (its payload's g). */
  readonly group?: string;
  readonly pid: number;
}

/** Set by a vitest project that runs on another copy of ioredis (the root vitest.config.ts). */
const IOREDIS_ENTRY = process.env.MQ_TEST_IOREDIS_ENTRY;
const ALIAS = fileURLToPath(new URL('./ioredis-alias-register.mjs', import.meta.url));

/**
 * Forks a TypeScript worker from source (tsx, @mq/source) and passes it a JSON config. On the
 * ioredis 5 project the worker loads the same ioredis copy as the tests (a resolve hook).
 */
export function forkWorker(script: string, config: object, onEvent: (event: WorkerEvent) => void): ChildProcess {
  const child = fork(fileURLToPath(new URL(`../workers/${script}`, import.meta.url)), [JSON.stringify(config)], {
    cwd: ROOT,
    execArgv: ['--conditions=@mq/source', '--import', 'tsx', ...(IOREDIS_ENTRY === undefined ? [] : ['--import', ALIAS])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message) => onEvent(message as WorkerEvent));
  return child;
}

/** Kills a worker by pid (SIGKILL unless told otherwise) and waits for its exit. */
export async function killWorker(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid !== undefined) process.kill(child.pid, signal);
  await exited;
}
