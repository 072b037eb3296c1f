import type { PayloadCodec } from './payload-codec.js';

/** The default codec: JSON text. */
export const jsonCodec: PayloadCodec = {
  name: 'json',
  encode: (payload) => JSON.stringify(payload),
  decode: (text) => JSON.parse(text) as unknown,
};
