import { spawn } from 'node:child_process';
import type { CaseResult, ChildSpec } from './case-types.js';

export type RunOutcome = { readonly ok: true; readonly result: CaseResult } | { readonly ok: false; readonly error: string };

/** One outcome per repetition the child ran (all failed alike when the child failed). */
export type ChildOutcomes = RunOutcome[];

/** Runs one case in a fresh Node process and reads its RESULT line; kills it after `timeoutMs`. */
export function runChild(bundle: string, spec: ChildSpec, timeoutMs: number): Promise<ChildOutcomes> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', bundle, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line !== undefined) return resolve((JSON.parse(line.slice(7)) as CaseResult[]).map((result) => ({ ok: true, result })));
      const why = signal === 'SIGKILL' ? `timed out after ${timeoutMs} ms` : `exit ${String(code)}`;
      const error = `${why}: ${stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
      resolve(Array.from({ length: Math.max(1, spec.repetitions) }, () => ({ ok: false, error })));
    });
  });
}
