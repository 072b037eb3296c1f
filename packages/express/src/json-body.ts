import express, { type Request, type RequestHandler } from 'express';
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
