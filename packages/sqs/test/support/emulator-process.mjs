// One SQS-compatible server in a child process, started by test/support/emulator.ts:
//   node emulator-process.mjs <fauxqs|local-aws-sqs>
// It prints its port on stdout as {"port":N} once it listens on 127.0.0.1.
//
// The clock bridge: a request carrying the header x-mq-test-clock (epoch ms of the test's
// ManualClock) sets the server's Date.now() to that time, so delays and visibility timeouts are
// judged by the clock the test moves by hand. Requests without it leave the real time.
import http from 'node:http';

const realNow = Date.now;
let testNow;
Date.now = () => testNow ?? realNow();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
  if (event === 'request') {
    const at = request.headers['x-mq-test-clock'];
    if (typeof at === 'string' && /^\d+$/.test(at)) testNow = Number(at);
  }
  return emit.call(this, event, request, ...rest);
};

const kind = process.argv[2];
let port;
if (kind === 'fauxqs') {
  const { startFauxqs } = await import('fauxqs');
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  port = server.port;
} else if (kind === 'local-aws-sqs') {
  const { createSqsServer } = await import('local-aws-sqs');
  // Real AWS waits 60 s before a deleted queue's name may be used again; tests delete and reuse names.
  const server = await createSqsServer({ port: 0, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  port = server.address().port;
} else {
  throw new Error(`unknown emulator ${kind}`);
}
process.stdout.write(`${JSON.stringify({ port })}\n`);
