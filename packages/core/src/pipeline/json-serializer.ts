import type { PayloadSerializer } from './payload-stage.js';

/** The default serializer: JSON text (the same text as the jsonCodec option). */
export const jsonSerializer: PayloadSerializer = Object.freeze({
  name: 'json',
  serialize: (payload: unknown) => JSON.stringify(payload),
  deserialize: (text: string) => JSON.parse(text) as unknown,
});
