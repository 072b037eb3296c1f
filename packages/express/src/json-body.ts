import { ValidationError } from '@mq/core';
import express, { type Request, type RequestHandler } from 'express';
import { describeOption } from './describe-option.js';
import { findForbiddenKey } from './find-forbidden-key.js';
import { ProblemError } from './problem.js';

export interface JsonBodyOptions {
  /** Largest accepted body: bytes, or a string such as '1mb'. Default '1mb'. */
  limit?: number | string;
  /** Answer 400 when the request has no body. Default true. */
  required?: boolean;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/**
 * Parses a JSON body (400 malformed-json, 413 over the limit, 415 not JSON) and refuses
 * `__proto__`, `constructor` and `prototype` keys anywhere in it.
 */
export function jsonBody(options: JsonBodyOptions = {}): RequestHandler {
  checkJsonBodyOptions(options);
  const parse = express.json({ limit: options.limit ?? '1mb', strict: false, type: JSON_TYPES });
  const required = options.required ?? true;
  return (req, res, next) => {
    if (!hasBody(req)) {
      req.body = undefined;
      next(required ? new ProblemError('invalid-body', 'This endpoint needs a JSON body.') : undefined);
      return;
    }
    if (req.is(JSON_TYPES) === false) {
      next(new ProblemError('unsupported-media-type', 'Send the body with Content-Type: application/json.'));
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const forbidden = findForbiddenKey(req.body);
      next(forbidden === undefined ? undefined : new ProblemError('invalid-body', `The body may not contain the key "${forbidden}".`, { extensions: { field: forbidden } }));
    });
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function checkJsonBodyOptions(options: unknown): asserts options is JsonBodyOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('MQ_INVALID_CONFIG', 'jsonBody options must be an object { limit?, required? } or left out.', { field: 'jsonBody' });
  }
  const { limit, required } = options as Record<string, unknown>;
  if (limit !== undefined) checkBodyLimit(limit, 'jsonBody.limit', 'jsonBody: limit');
  if (required !== undefined && typeof required !== 'boolean') {
    throw new ValidationError('MQ_INVALID_CONFIG', `jsonBody: required must be true or false, not ${describeOption(required)}.`, { field: 'jsonBody.required' });
  }
}

/**
 * A size as we document it: bytes, or a number with a unit ('1mb', '64kb', '1.5mb'). Stricter than
 * body-parser, which reads '1 megabyte' as 1 byte.
 */
const SIZE = /^\d+(?:\.\d+)?\s*(?:b|kb|mb|gb|tb|pb)?$/i;

/** Throws MQ_INVALID_CONFIG unless `limit` is a whole number of bytes >= 0 or a SIZE. */
export function checkBodyLimit(limit: unknown, field: string, label: string): void {
  if (typeof limit === 'number' ? Number.isInteger(limit) && limit >= 0 : typeof limit === 'string' && SIZE.test(limit)) return;
  throw new ValidationError('MQ_INVALID_CONFIG', `${label} must be a number of bytes >= 0 or a size such as '1mb' or '64kb', not ${describeOption(limit)}.`, { field });
}
