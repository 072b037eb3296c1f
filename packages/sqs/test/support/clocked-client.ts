import { ReceiveMessageCommand, SQSClient, type ReceiveMessageCommandOutput } from '@aws-sdk/client-sqs';
import type { Clock } from '@mq/core/provider';

/** Emulators take any credentials; these are not secrets. */
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A plain client for an emulator (real time). */
export function emulatorClient(endpoint: string): SQSClient {
  return new SQSClient({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 2 });
}

/**
 * A client whose every request tells the emulator the test clock's time (x-mq-test-clock: the
 * emulator's clock bridge, emulator-process.mjs), so SQS judges delays and visibility by the
 * ManualClock the contract suite moves. A long poll cannot wait by a clock the server does not
 * run, so it is re-asked without waiting (every 20 ms, for at most 250 ms of real time, or until
 * its WaitTimeSeconds pass on the clock or it is aborted): a long poll may end early anyway.
 */
export class ClockedSqsClient extends SQSClient {
  constructor(
    endpoint: string,
    private readonly clock: Clock,
  ) {
    super({ endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 2 });
    this.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-mq-test-clock'] = String(clock.now());
        return next(args);
      },
      { step: 'build', name: 'mqTestClock' },
    );
  }

  override send(...args: unknown[]): Promise<never> {
    const [command, options] = args as [unknown, { abortSignal?: AbortSignal } | undefined];
    const send = (super.send as (...a: unknown[]) => Promise<never>).bind(this);
    if (!(command instanceof ReceiveMessageCommand) || (command.input.WaitTimeSeconds ?? 0) === 0) return send(...args);
    return this.pollByClock(command, options?.abortSignal, send) as Promise<never>;
  }

  private async pollByClock(command: ReceiveMessageCommand, signal: AbortSignal | undefined, send: (...a: unknown[]) => Promise<never>): Promise<ReceiveMessageCommandOutput> {
    const clockEnd = this.clock.now() + (command.input.WaitTimeSeconds ?? 0) * 1000;
    const realEnd = Date.now() + 250;
    for (;;) {
      const output: ReceiveMessageCommandOutput = await send(new ReceiveMessageCommand({ ...command.input, WaitTimeSeconds: 0 }));
      if ((output.Messages?.length ?? 0) > 0 || this.clock.now() >= clockEnd || Date.now() >= realEnd || signal?.aborted === true) return output;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
