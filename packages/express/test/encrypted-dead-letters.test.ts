import { createInMemoryProvider } from '@mq/memory';
import { encryptedDeadLettersSuite } from './suites/encrypted-dead-letters-suite.js';

encryptedDeadLettersSuite(() => createInMemoryProvider());
