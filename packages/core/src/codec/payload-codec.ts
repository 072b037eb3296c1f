/**
 * Turns payloads into the text a provider stores, and back. The seam for encryption (with key
 * rotation: put the key id in the encoded text) and compression. `name` is stored with every
 * message so a queue can still read messages written with an older codec.
 */
export interface PayloadCodec {
  readonly name: string;
  encode(payload: unknown): string;
  decode(text: string): unknown;
}
