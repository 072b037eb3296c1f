import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { getFreePort } from '../process/free-port.js';

export type AppendFsync = 'everysec' | 'always';

export interface RedisServerOptions {
  /** Data directory (AOF, cluster config); kept across restarts. */
  readonly dir: string;
  /** Default: a free port, kept across restarts. */
  readonly port?: number;
  /** AOF with this fsync policy; default no persistence at all. */
  readonly appendfsync?: AppendFsync;
  /** Extra redis-server arguments, e.g. cluster mode. */
  readonly extraArgs?: readonly string[];
  /** Bound for start-up (including loading the AOF); default 15000 ms. */
  readonly startTimeoutMs?: number;
}

/**
 * A redis-server child process on 127.0.0.1. It can be killed (any signal) and started again on
 * the same port and data directory, as an operator would restart it.
 */
export class RedisServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions): Promise<RedisServerProcess> {
    mkdirSync(options.dir, { recursive: true });
    const server = new RedisServerProcess(options.port ?? (await getFreePort()), options);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server (it must not be running); resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.child !== undefined) throw new Error(`redis-server on port ${this.port} is already running`);
    const { dir, appendfsync, extraArgs = [], startTimeoutMs = 15_000 } = this.options;
    const persistence = appendfsync === undefined ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', appendfsync];
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', ...persistence, '--daemonize', 'no', ...extraArgs];
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void this.exited.then(() => {
      if (this.child === child) this.child = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => fail(new Error(`redis-server on port ${this.port} did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) finish();
      };
      const onExit = (): void => fail(new Error(`redis-server on port ${this.port} exited during start-up:\n${output}`));
      const cleanUp = (): void => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        child.stdout?.resume();
        child.stderr?.resume();
      };
      const finish = (): void => {
        cleanUp();
        resolve();
      };
      const fail = (error: Error): void => {
        cleanUp();
        child.kill('SIGKILL');
        reject(error);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', onExit);
    });
  }

  /** Sends `signal` (default SIGKILL: no shutdown, no final fsync) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    child.kill(signal);
    await this.exited;
  }

  /** Stops the server for good (SIGKILL by its pid). */
  stop(): Promise<void> {
    return this.kill('SIGKILL');
  }
}
