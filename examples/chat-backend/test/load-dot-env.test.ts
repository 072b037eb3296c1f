import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadDotEnv } from '../src/load-dot-env.js';

const KEYS = ['MQ_EXAMPLE_TEST_A', 'MQ_EXAMPLE_TEST_B'];
afterEach(() => {
  for (const key of KEYS) delete process.env[key];
});

describe('loadDotEnv', () => {
  test('reads a .env file; variables already set win', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'chat-env-')), '.env');
    writeFileSync(file, 'MQ_EXAMPLE_TEST_A=from-file\nMQ_EXAMPLE_TEST_B=from-file\n');
    process.env.MQ_EXAMPLE_TEST_B = 'from-env';
    expect(loadDotEnv(file)).toBe(true);
    expect(process.env.MQ_EXAMPLE_TEST_A).toBe('from-file');
    expect(process.env.MQ_EXAMPLE_TEST_B).toBe('from-env');
  });

  test('no file, no change', () => {
    expect(loadDotEnv(join(tmpdir(), 'no-such-dir-for-mq', '.env'))).toBe(false);
  });
});
