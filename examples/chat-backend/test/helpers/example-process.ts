import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const EXAMPLE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const REPO_DIR = fileURLToPath(new URL('../../../..', import.meta.url));
/** What `pnpm start` runs (after `exec node`). */
export const START_ARGS = ['--conditions=@mq/source', '--import', 'tsx', 'src/main.ts'];

export interface ExampleProcess {
  child: ChildProcess;
  url: string;
  /** stdout and stderr so far, interleaved. */
  output: () => string;
}

/** Starts the example as `pnpm start` does, on a free port (PORT=0), and resolves with its URL. */
export function startExample(env: Record<string, string>): Promise<ExampleProcess> {
  const child = spawn(process.execPath, START_ARGS, { cwd: EXAMPLE_DIR, env: exampleEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  return whenListening(child);
}

/** Resolves with the URL the child prints once it listens; rejects if it exits first or stays silent for 20 s. */
export function whenListening(child: ChildProcess): Promise<ExampleProcess> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`example did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /chat backend on (http:\/\/localhost:\d+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve({ child, url: match[1] as string, output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`example exited with ${code}:\n${output}`));
    });
  });
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the example until it exits by itself (e.g. when it refuses to start), within `timeoutMs`. */
export function runExampleToExit(env: Record<string, string>, timeoutMs = 25_000): Promise<Exit> {
  const child = spawn(process.execPath, START_ARGS, { cwd: EXAMPLE_DIR, env: exampleEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`example still running after ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Sends `signal` and resolves with the exit code once the child exited. */
export async function stopExample(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}

/** The environment of an example process: this one's, in development, on any free port, plus `env`. */
function exampleEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, NODE_ENV: '', PORT: '0', ROLE: '', MESSAGE_QUEUE_PROVIDER: '', REDIS_URL: '', ...env };
}
