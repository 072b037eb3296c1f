export { instrumentQueue, TRACER_NAME } from './instrument-queue.js';
export type { TracingOptions } from './tracing-options.js';
export { MESSAGING_SYSTEM } from './messaging-attributes.js';
