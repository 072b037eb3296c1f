import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type EmulatorKind = 'fauxqs' | 'local-aws-sqs';

export interface Emulator {
  readonly kind: EmulatorKind;
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./emulator-process.mjs', import.meta.url));

/** Starts an SQS-compatible server on a free loopback port, in a child process of its own. */
export async function startEmulator(kind: EmulatorKind): Promise<Emulator> {
  const child = spawn(process.execPath, [SCRIPT, kind], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${kind} did not start within 20 s: ${err}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /\{"port":(\d+)\}/.exec(out);
      if (line !== null) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${String(code)}) before it listened: ${err}`));
    });
  });
  return { kind, endpoint: `http://127.0.0.1:${port}`, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
