import { PIPELINE_ENV_VARIABLES } from '../../src/config/pipeline-env.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ERROR_CODES, isMqError, LeaseLostError, MqError, UnrecoverableError, ValidationError } from '@mq/core';
import { describe, expect, it } from 'vitest';
import { readTypeScriptFiles } from '../architecture/source-rules.js';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CODE_LITERAL = /(['"`])(MQ_[A-Z0-9_]+)\1/g;

/** Folders whose src/ ships or runs: every package, the examples, the fault suite and the benchmarks. */
function sourceRoots(): string[] {
  const inside = (parent: string) => readdirSync(`${REPO}${parent}`).map((name) => `${REPO}${parent}/${name}`);
  return [...inside('packages'), ...inside('examples'), `${REPO}faults`, `${REPO}bench`].filter((root) => existsSync(`${root}/src`));
}

/** MQ_-named strings that are environment variables a provider declares (mqProvider.env), not error codes. */
async function providerEnvironmentVariables(): Promise<Set<string>> {
  const names = new Set<string>(PIPELINE_ENV_VARIABLES.map((v) => v.name));
  for (const module of [await import('@mq/memory'), await import('@mq/redis'), await import('@mq/sqs')]) {
    const factory = (module as unknown as { mqProvider?: { env?: readonly { name: string }[] } }).mqProvider;
    for (const variable of factory?.env ?? []) names.add(variable.name);
  }
  return names;
}

describe('errors', () => {
  it('are recognised across duplicate package copies by a brand, not instanceof', () => {
    const foreign = Object.assign(new Error('copy'), { code: 'MQ_LEASE_LOST' });
    Object.defineProperty(foreign, Symbol.for('@mq/core.error'), { value: true });
    expect(isMqError(foreign)).toBe(true);
    expect(isMqError(foreign, 'MQ_LEASE_LOST')).toBe(true);
    expect(isMqError(foreign, 'MQ_CLOSED')).toBe(false);
    expect(isMqError(new Error('plain'))).toBe(false);
    expect(isMqError(null)).toBe(false);
  });

  it('carry a stable code, a name and details', () => {
    const lost = new LeaseLostError('q', 'm1');
    expect(lost).toBeInstanceOf(MqError);
    expect(lost).toMatchObject({ code: 'MQ_LEASE_LOST', name: 'LeaseLostError', details: { queueName: 'q', messageId: 'm1' } });
    expect(new UnrecoverableError('no').code).toBe('MQ_UNRECOVERABLE');
    expect(new ValidationError('MQ_INVALID_PRIORITY', 'x').name).toBe('ValidationError');
  });

  it('are all documented in docs/reference/errors.md, and nothing else is', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/reference/errors.md', import.meta.url)), 'utf8');
    const documented = [...doc.matchAll(/^\| `(MQ_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('have the meaning in docs/reference/errors.md that ERROR_CODES gives them (markdown code marks aside)', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../../docs/reference/errors.md', import.meta.url)), 'utf8');
    const meanings = Object.fromEntries([...doc.matchAll(/^\| `(MQ_[A-Z_]+)` \| ([^|]+) \|/gm)].map(([, code, meaning]) => [code, (meaning as string).replaceAll('`', '')]));
    expect(meanings).toEqual(ERROR_CODES);
  });

  it('include every MQ_* code the sources use (string literals in packages/*/src, examples, faults, bench)', async () => {
    const used = new Map<string, string>();
    for (const root of sourceRoots()) {
      for (const [path, text] of readTypeScriptFiles(root)) {
        for (const [, , code] of text.matchAll(CODE_LITERAL)) if (!used.has(code as string)) used.set(code as string, `${root.slice(REPO.length)}/${path}`);
      }
    }
    // The scan really read the sources: the core's own codes are among the literals.
    expect([...used.keys()]).toEqual(expect.arrayContaining(['MQ_INVALID_PRIORITY', 'MQ_LEASE_LOST', 'MQ_PROVIDER_UNAVAILABLE']));
    const environment = await providerEnvironmentVariables();
    const unknown = [...used].filter(([code]) => !(code in ERROR_CODES) && !environment.has(code)).map(([code, file]) => `${code} (${file})`);
    expect(unknown, 'codes missing from ERROR_CODES (packages/core/src/errors/error-codes.ts) and docs/reference/errors.md').toEqual([]);
  });
});
