/** The message codec as the embedded transport's strict mode wants it. */
import type { MessageCodec } from './MemoryTransport.js';
import { decode, encode } from '../../msg/codec.js';
import type { MessageTypeName } from '../../msg/definitions.generated.js';

export const cdrCodec: MessageCodec = {
  encode: (type, msg) => encode(type as MessageTypeName, msg as never),
  decode: (type, bytes) => decode(type as MessageTypeName, bytes),
};
