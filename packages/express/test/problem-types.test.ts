import { readFileSync } from 'node:fs';
import { ERROR_CODES } from '@mq/core';
import { describe, expect, test } from 'vitest';
import { PROBLEM_TYPES } from '../src/index.js';

describe('PROBLEM_TYPES', () => {
  test('docs/integrations/express.md lists every problem type with its status and code, and no other', () => {
    const doc = readFileSync(new URL('../../../docs/integrations/express.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \| `(MQ_[A-Z_]+)` \|/gm)].map(([, kind, status, code]) => [kind, Number(status), code]);
    const expected = Object.entries(PROBLEM_TYPES)
      .filter(([kind]) => kind !== 'invalid-request')
      .map(([kind, { status, code }]) => [kind, status, code]);
    expect(rows.sort()).toEqual(expected.sort());
    // invalid-request carries the core's own code, so its row names several.
    expect(doc).toMatch(/^\| `invalid-request` \| 400 \| the core's code/m);
  });

  test('every code is one of ERROR_CODES, and docs/reference/errors.md says which HTTP status and problem type answer it', () => {
    const doc = readFileSync(new URL('../../../docs/reference/errors.md', import.meta.url), 'utf8');
    const whereOf = new Map([...doc.matchAll(/^\| `(MQ_[A-Z_]+)` \| [^|]+ \| (.+) \|$/gm)].map(([, code, where]) => [code, where]));
    for (const [kind, { status, code }] of Object.entries(PROBLEM_TYPES)) {
      expect(Object.keys(ERROR_CODES), kind).toContain(code);
      expect(whereOf.get(code), code).toContain(`HTTP ${status} \`${kind}\``);
    }
  });
});
