import { awsErrorName } from './sqs-errors.js';

/** What SQS (and the emulators) answer for a receipt handle that no longer holds the message. */
const NOT_HELD = ['ReceiptHandleIsInvalid', 'InvalidReceiptHandle', 'MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'AWS.SimpleQueueService.ReceiptHandleIsInvalid', 'InvalidParameterValue'];

/** True when the call went through; false when SQS says the receipt handle is no longer valid (not held). */
export async function settle(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (NOT_HELD.includes(awsErrorName((error as { cause?: unknown }).cause))) return false;
    throw error;
  }
}
