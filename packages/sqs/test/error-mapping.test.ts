import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMqError, MessageQueue } from '@mq/core';
import { afterEach, describe, expect, test } from 'vitest';
import { createSqsProvider } from '../src/index.js';
import { TEST_CREDENTIALS } from './support/clocked-client.js';

interface Answer {
  readonly status: number;
  readonly type: string;
  readonly queryError?: string;
}

/** A real HTTP server on loopback that answers every SQS call (JSON protocol) with one error, counting the calls. */
async function sqsAnswering(answer: Answer): Promise<{ endpoint: string; calls: () => number; server: Server }> {
  let calls = 0;
  const server = createServer((request, response) => {
    calls++;
    request.resume();
    request.on('end', () => {
      response.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `r${calls}`,
        ...(answer.queryError === undefined ? {} : { 'x-amzn-query-error': answer.queryError }),
      });
      response.end(JSON.stringify({ __type: answer.type, message: 'secret-looking detail from the server' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => calls, server };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function connectError(answer: Answer, maxAttempts = 3): Promise<{ error: unknown; calls: number }> {
  const fake = await sqsAnswering(answer);
  servers.push(fake.server);
  const provider = createSqsProvider({ endpoint: fake.endpoint, region: 'us-east-1', maxAttempts });
  // Credentials of the fake server (the default chain would look for real ones).
  (provider as unknown as { calls: { client: { config: { credentials: unknown } } } }).calls.client.config.credentials = () => Promise.resolve(TEST_CREDENTIALS);
  const queue = new MessageQueue({ provider });
  const error = await queue.connect().then(
    () => undefined,
    (e: unknown) => e,
  );
  await queue.disconnect().catch(() => undefined);
  return { error, calls: fake.calls() };
}

describe('SQS errors, from a server that answers like SQS', () => {
  test('throttling is retried with backoff, then MQ_PROVIDER_UNAVAILABLE saying so', async () => {
    const { error, calls } = await connectError({ status: 400, type: 'com.amazon.coral.availability#ThrottlingException' });
    expect(calls).toBe(3);
    expect(error).toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((error as Error).message).toMatch(/throttling/);
    expect((error as { details: { reason: string } }).details.reason).toBe('throttled');
    expect((error as Error).message).not.toMatch(/secret-looking/);
  });

  test('a 5xx is retried, then MQ_PROVIDER_UNAVAILABLE naming region and endpoint to check', async () => {
    const { error, calls } = await connectError({ status: 500, type: 'com.amazonaws.sqs#InternalError' });
    expect(calls).toBe(3);
    expect(error).toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((error as Error).message).toMatch(/AWS_REGION and SQS_ENDPOINT/);
  });

  test('access denied: not retried, MQ_PROVIDER_ERROR pointing at the IAM policy', async () => {
    const { error, calls } = await connectError({ status: 400, type: 'com.amazon.coral.service#AccessDeniedException' });
    expect(calls).toBe(1);
    expect(error).toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_ERROR'));
    expect((error as Error).message).toMatch(/IAM policy/);
    expect((error as { details: { reason: string } }).details.reason).toBe('access-denied');
  });

  test('credentials refused: MQ_INVALID_CONFIG naming the default credential chain', async () => {
    const { error } = await connectError({ status: 403, type: 'com.amazon.coral.service#UnrecognizedClientException' });
    expect(error).toSatisfy((e) => isMqError(e, 'MQ_INVALID_CONFIG'));
    expect((error as Error).message).toMatch(/credential chain/);
    expect((error as Error).message).not.toMatch(/test/);
  });

  test('a wrong endpoint (nothing listens): MQ_PROVIDER_UNAVAILABLE naming it', async () => {
    const fake = await sqsAnswering({ status: 500, type: 'x' });
    const endpoint = fake.endpoint;
    await new Promise((resolve) => fake.server.close(resolve));
    const provider = createSqsProvider({ endpoint, region: 'eu-west-1', maxAttempts: 1 });
    (provider as unknown as { calls: { client: { config: { credentials: unknown } } } }).calls.client.config.credentials = () => Promise.resolve(TEST_CREDENTIALS);
    const error = await provider.doConnect().then(() => undefined, (e: unknown) => e);
    expect(error).toSatisfy((e) => isMqError(e, 'MQ_PROVIDER_UNAVAILABLE'));
    expect((error as Error).message).toContain('region eu-west-1');
    expect((error as Error).message).toContain(endpoint);
    await provider.doDisconnect();
  });
});
