// Reports which ioredis this process loads as "ioredis" (ioredis-version.test.ts): the version in
// the package.json next to the file that the specifier resolves to.
import { readFileSync } from 'node:fs';

const entry = import.meta.resolve('ioredis');
await import('ioredis');
const { version } = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { version: string };
process.send?.({ type: 'ready', pid: process.pid, version }, () => process.disconnect());
