import type { WorkerCommand, WorkerMessage } from '../process/worker-message.js';

/** The config the test passed to this forked worker. */
export function readWorkerConfig<T>(): T {
  const raw = process.env.FAULTS_WORKER_CONFIG;
  if (raw === undefined) throw new Error('FAULTS_WORKER_CONFIG is not set: start this file through ForkedWorker');
  return JSON.parse(raw) as T;
}

export function tellParent(message: WorkerMessage): void {
  if (process.send !== undefined && process.connected) process.send(message);
}

/** Reports unhandled rejections and uncaught exceptions to the test (they fail the case). */
export function reportProblems(): void {
  process.on('unhandledRejection', (reason) => {
    tellParent({ type: 'problem', pid: process.pid, kind: 'unhandledRejection', detail: String(reason instanceof Error ? (reason.stack ?? reason) : reason) });
  });
  process.on('uncaughtException', (error) => {
    tellParent({ type: 'problem', pid: process.pid, kind: 'uncaughtException', detail: String(error.stack ?? error) });
    process.exitCode = 1;
  });
}

/** Calls `handler` for every command of the test. */
export function onCommand(handler: (command: WorkerCommand) => void): void {
  process.on('message', (raw) => handler(raw as WorkerCommand));
}
