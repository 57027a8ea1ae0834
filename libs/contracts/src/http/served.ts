import type { z } from 'zod';
import { Instant } from '../codes.js';

/**
 * An instant in an HTTP answer: ISO 8601 with an offset. Branded so that a service can hand a `Date` where the
 * answer carries one (JSON writes a Date as its ISO string): see `Served`.
 */
export const ServedInstant = Instant.brand<'ServedInstant'>();

/**
 * What a service may return for an answer whose JSON is `T`: the same shape, with a `Date` wherever `T` has a
 * served instant. A service annotates what its HTTP layer returns with it, so the compiler checks the producer
 * against the same contract the console parses with.
 */
export type Served<T> = T extends z.$brand<'ServedInstant'>
  ? Date | string
  : T extends readonly (infer U)[]
    ? Served<U>[]
    : T extends object
      ? { [K in keyof T]: Served<T[K]> }
      : T;
