import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ProblemError } from './problem.js';

export interface BodyIssue {
  /** Dotted path of the offending field ('' for the body itself). */
  path: string;
  message: string;
}

/** Runs a Standard Schema validator; on failure throws a 400 invalid-body listing every issue. */
export async function validateBody<S extends StandardSchemaV1>(schema: S, body: unknown): Promise<StandardSchemaV1.InferOutput<S>> {
  const result = await schema['~standard'].validate(body);
  if (result.issues === undefined) return result.value as StandardSchemaV1.InferOutput<S>;
  const errors: BodyIssue[] = result.issues.map((issue) => ({ path: pathOf(issue), message: issue.message }));
  const first = errors[0];
  const detail = first === undefined ? 'The body is invalid.' : `${first.path === '' ? 'body' : first.path}: ${first.message}`;
  throw new ProblemError('invalid-body', detail, { extensions: { errors } });
}

function pathOf(issue: StandardSchemaV1.Issue): string {
  return (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
}
