#!/usr/bin/env node
import { runCli } from './run-cli.js';

const interrupted = new AbortController();
// mq tail ends on the signal (exit 0); any other command is given 2 s to finish, then exits 130.
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => {
    interrupted.abort();
    setTimeout(() => process.exit(130), 2000).unref();
  });
}

void runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdinIsTty: process.stdin.isTTY === true,
  signal: interrupted.signal,
}).then((code) => {
  process.exitCode = code;
});
