import { describe, expect, test } from 'vitest';
import * as api from '../src/index.js';

describe('the public API of @mq/express', () => {
  // What users call: the router, the pieces for their own routes beside it (docs/integrations/express.md),
  // and the problem types to match answers on. Everything else (the error mapping, the forbidden-key
  // scan, route wiring) is internal and may change without notice. Types are exported as types.
  test('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'createQueueRouter',
        'defineEnqueueRoute',
        'MANAGEMENT_ACTIONS',
        'rateLimit',
        'jsonBody',
        'validateBody',
        'methodNotAllowed',
        'queueErrorHandler',
        'ProblemError',
        'PROBLEM_TYPE_BASE',
        'PROBLEM_TYPES',
      ].sort(),
    );
  });
});
