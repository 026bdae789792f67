/**
 * Random streams, one per (seed, chunk, component). The mixing function is SHA-256 of the text
 * `trade-sim/stream/v1|<seed>|<chunk>|<component>`; its first 16 bytes, read as four little-endian
 * 32-bit words, are the xoshiro128** state. A component is a name such as `shocks:textiles PK>KZ`,
 * `corridor:afghan-road:regime` or `param:defaults.elasticity`, so two scenarios that share a
 * component draw the same numbers for it (paired comparison builds on this), and a collision
 * between two streams is as likely as one in SHA-256.
 *
 * A plan may re-key components (Plan.streamSalt, for sensitivity studies): a salted component's
 * text is `<component>|<salt>`, so it draws afresh while every other component keeps its numbers.
 * Without a salt the text, and so every draw, is as it always was.
 */
import { createHash } from 'node:crypto';
import { streamFromWords, type StreamState } from './rng.js';

export const STREAM_VERSION = 'trade-sim/stream/v1';

export function streamFor(seed: number, chunk: number, component: string, salt?: string): StreamState {
  const key = salt === undefined ? component : `${component}|${salt}`;
  const digest = createHash('sha256').update(`${STREAM_VERSION}|${seed}|${chunk}|${key}`).digest();
  return streamFromWords(digest.readInt32LE(0), digest.readInt32LE(4), digest.readInt32LE(8), digest.readInt32LE(12));
}
