import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type Emulator } from '../../../../packages/sqs/test/support/emulator.js';
import { startExample, stopExample } from '../helpers/example-process.js';
import { runSpecCurlSequence } from '../helpers/spec-curl-sequence.js';

// `pnpm start` with MESSAGE_QUEUE_PROVIDER=sqs against an SQS emulator this file starts on loopback.
for (const kind of ['fauxqs', 'local-aws-sqs'] as const) {
  describe(`examples/chat-backend as a process on SQS (${kind})`, () => {
    let sqs: Emulator;
    let example: Awaited<ReturnType<typeof startExample>>;
    beforeAll(async () => {
      sqs = await startEmulator(kind);
      example = await startExample({
        MESSAGE_QUEUE_PROVIDER: 'sqs',
        SQS_ENDPOINT: sqs.endpoint,
        AWS_REGION: 'us-east-1',
        // Emulators take any credentials (the default chain reads these first); not secrets.
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        MQ_SQS_PREFIX: 'chat-',
        // Messages of priorities other than 5 are taken at the end of a long poll at the latest (docs/sqs.md).
        MQ_SQS_LONG_POLL_SECONDS: '1',
      });
    }, 30_000);
    afterAll(async () => {
      // SQS is stopped by then: a graceful shutdown would retry the settles of messages in flight until their leases end.
      if (example !== undefined) await stopExample(example.child, 'SIGKILL');
      await sqs?.stop();
    });

    test("the spec's curl commands work as printed", async () => {
      await runSpecCurlSequence(example.url, 'sqs');
      const stats = (await (await fetch(`${example.url}/api/queue/stats?queueName=chat_messages`)).json()) as Record<string, unknown>;
      expect(stats).toMatchObject({ provider: 'sqs', approximate: true });
    }, 60_000);

    test('with SQS stopped: health answers 503, without SDK text', async () => {
      await sqs.stop();
      const health = await fetch(`${example.url}/api/queue/health`);
      expect(health.status).toBe(503);
      const text = await health.text();
      expect(JSON.parse(text)).toMatchObject({ healthy: false, provider: 'sqs' });
      expect(text).not.toMatch(/ECONNREFUSED|aws-sdk|127\.0\.0\.1/);
    }, 30_000);
  });
}
