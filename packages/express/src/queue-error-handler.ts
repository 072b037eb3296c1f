import type { ErrorRequestHandler, Request } from 'express';
import { errorToProblem } from './error-to-problem.js';
import { sendProblem } from './problem.js';

/** Express error handler answering problem+json. Use it after your own routes that share the router's conventions. */
export function queueErrorHandler(onError?: (error: unknown, req: Request) => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { problem, headers } = errorToProblem(error);
    if (problem.status >= 500) onError?.(error, req);
    sendProblem(req, res, problem, headers);
  };
}
