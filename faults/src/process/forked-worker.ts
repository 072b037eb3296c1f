import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerCommand, WorkerMessage } from './worker-message.js';

const FAULTS_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** Preload for ForkOptions.preload: shifts the worker's Date.now() by FAULTS_CLOCK_SKEW_MS. */
export const SKEW_CLOCK_PRELOAD = new URL('./skew-clock.ts', import.meta.url).href;

export interface ForkOptions {
  /** Extra --import modules (e.g. the clock-skew preload), after tsx. */
  readonly preload?: readonly string[];
  readonly env?: Record<string, string>;
  /** Bound for the worker's `ready` message; default 30000 ms. */
  readonly readyTimeoutMs?: number;
}

export interface WorkerExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * A worker process started with child_process.fork, running a TypeScript entry from source
 * (--conditions=@mq/source --import tsx). Its config goes in FAULTS_WORKER_CONFIG; it reports over IPC.
 */
export class ForkedWorker {
  readonly messages: WorkerMessage[] = [];
  readonly exited: Promise<WorkerExit>;
  private exitInfo: WorkerExit | undefined;
  private readonly listeners = new Set<(message: WorkerMessage) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly name: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve(this.exitInfo);
      });
    });
    child.on('message', (raw) => {
      const message = raw as WorkerMessage;
      this.messages.push(message);
      for (const listener of [...this.listeners]) listener(message);
    });
  }

  static async start(entry: string, name: string, config: unknown, options: ForkOptions = {}): Promise<ForkedWorker> {
    const preload = (options.preload ?? []).flatMap((p) => ['--import', p]);
    const child = fork(fileURLToPath(new URL(`../workers/${entry}`, import.meta.url)), [], {
      cwd: FAULTS_DIR,
      execArgv: ['--conditions=@mq/source', '--import', 'tsx', ...preload],
      env: { ...process.env, ...options.env, FAULTS_WORKER_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (child.pid === undefined) throw new Error(`Could not fork ${entry}`);
    const worker = new ForkedWorker(child, child.pid, name);
    await worker.next((m) => m.type === 'ready', options.readyTimeoutMs ?? 30_000, `${name} to report ready`);
    return worker;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  get exit(): WorkerExit | undefined {
    return this.exitInfo;
  }

  send(command: WorkerCommand): void {
    if (this.alive && this.child.connected) this.child.send(command);
  }

  /** Resolves with the first message (from now or already received) that matches, within timeoutMs. */
  next(match: (message: WorkerMessage) => boolean, timeoutMs: number, what: string): Promise<WorkerMessage> {
    const seen = this.messages.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const done = (error: Error | undefined, message?: WorkerMessage): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (error) reject(error);
        else resolve(message as WorkerMessage);
      };
      const listener = (message: WorkerMessage): void => {
        if (match(message)) done(undefined, message);
      };
      const timer = setTimeout(() => done(new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (pid ${this.pid})`)), timeoutMs);
      this.listeners.add(listener);
      void this.exited.then((exit) => done(new Error(`${this.name} (pid ${this.pid}) exited (${exit.signal ?? exit.code}) before ${what}`)));
    });
  }

  /** Asks for a summary of what the worker counted, within timeoutMs. */
  async report(timeoutMs = 10_000): Promise<Record<string, number>> {
    const before = this.messages.length;
    this.send({ type: 'report' });
    const message = await this.next((m) => m.type === 'report' && this.messages.indexOf(m) >= before, timeoutMs, `${this.name} report`);
    return message.type === 'report' ? message.summary : {};
  }

  /** Sends a signal by pid and waits for the exit (bounded). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 15_000): Promise<WorkerExit> {
    if (!this.alive) return this.exitInfo as WorkerExit;
    process.kill(this.pid, signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} (pid ${this.pid}) did not exit within ${timeoutMs} ms of ${signal}`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Problems the worker reported (unhandled rejections and the like). */
  get problems(): WorkerMessage[] {
    return this.messages.filter((m) => m.type === 'problem');
  }
}
