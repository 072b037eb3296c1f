import type { Request, Response } from 'express';
import { PROBLEM_TYPE_BASE, PROBLEM_TYPES, type ProblemKind } from './problem-types.js';

/** An RFC 9457 problem details object, with our stable `code` and optional extension members. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

/** An error that carries the problem to answer with. Throw it from a handler, or pass it to next(). */
export class ProblemError extends Error {
  readonly kind: ProblemKind;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(kind: ProblemKind, detail: string, options: { extensions?: Record<string, unknown>; headers?: Record<string, string>; code?: string } = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.kind = kind;
    this.extensions = { ...options.extensions, ...(options.code === undefined ? {} : { code: options.code }) };
    this.headers = options.headers ?? {};
  }
}

export function problemOf(kind: ProblemKind, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title, code } = PROBLEM_TYPES[kind];
  return { type: `${PROBLEM_TYPE_BASE}${kind}`, title, status, detail, code, ...extensions };
}

/** Answers with `application/problem+json`. */
export function sendProblem(req: Request, res: Response, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(JSON.stringify({ ...problem, instance: req.originalUrl }));
}
