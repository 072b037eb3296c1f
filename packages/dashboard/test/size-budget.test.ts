import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CLIENT_FILES, clientDirectory } from '../src/client-assets.js';

/** The budget for the page's JavaScript and CSS together, gzip (bull-board's first load is about 206 KB). */
const BUDGET_BYTES = 100 * 1024;

describe('the client', () => {
  it('serves every file of client/ and only those', () => {
    expect(Object.keys(CLIENT_FILES).sort()).toEqual(readdirSync(clientDirectory()).sort());
  });

  it(`weighs under ${BUDGET_BYTES / 1024} KB gzip, JavaScript and CSS together`, () => {
    let raw = 0;
    let gzip = 0;
    for (const name of Object.keys(CLIENT_FILES)) {
      const body = readFileSync(new URL(name, clientDirectory()));
      raw += body.length;
      gzip += gzipSync(body, { level: 9 }).length;
    }
    console.log(`dashboard client: ${raw} bytes, ${gzip} bytes gzip (${Object.keys(CLIENT_FILES).length} files)`);
    expect(gzip).toBeLessThan(BUDGET_BYTES);
  });
});
