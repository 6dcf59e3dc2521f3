// rsocket-js needs Buffer, as on React Native (index.js); this module is imported first so it runs before rsocket.
import {Buffer} from 'buffer';

const g = globalThis as unknown as {Buffer?: typeof Buffer};
if (typeof g.Buffer === 'undefined') {
  g.Buffer = Buffer;
}
