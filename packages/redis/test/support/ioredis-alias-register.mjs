// Loaded with --import by forked test workers when the vitest project runs on another ioredis
// (redis-ioredis5 in the root vitest.config.ts): resolve.alias applies only inside vitest, so a
// child process maps "ioredis" to the same copy through a Node resolve hook.
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const entry = process.env.MQ_TEST_IOREDIS_ENTRY;
if (entry) register(new URL('./ioredis-alias-hooks.mjs', import.meta.url), { data: { entryUrl: pathToFileURL(entry).href } });
