export { createSqsProvider } from './create-sqs-provider.js';
export type { SqsProviderOptions } from './sqs-provider-options.js';
export { mqProvider } from './mq-provider.js';
export { SQS_CAPABILITIES, SQS_FIFO_CAPABILITIES } from './sqs-capabilities.js';
// A type only: made by createSqsProvider().
export type { SqsProvider } from './sqs-provider.js';
export { parseSqsQueueName, sqsQueueNames } from './sqs-queue-names.js';
export type { SqsQueueNames } from './sqs-queue-names.js';
