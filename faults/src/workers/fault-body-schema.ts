import type { StandardSchemaV1 } from '@standard-schema/spec';

/** The REST body of the fault suite: the client's message id and its sequence number. */
export interface FaultBody {
  readonly id: string;
  readonly seq: number;
}

/** A hand-written Standard Schema validator for FaultBody (no validation library needed). */
export const faultBodySchema: StandardSchemaV1<unknown, FaultBody> = {
  '~standard': {
    version: 1,
    vendor: 'mq-faults',
    validate(value) {
      const body = value as Partial<FaultBody> | null;
      if (typeof body !== 'object' || body === null || typeof body.id !== 'string' || !Number.isInteger(body.seq)) {
        return { issues: [{ message: 'Expected { id: string, seq: integer }' }] };
      }
      return { value: { id: body.id, seq: body.seq as number } };
    },
  },
};
