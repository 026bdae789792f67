/**
 * The fields goal may set are exactly the numbers the schema lets be written `{ value, assumption }`
 * at each place a lever names: a field added to the schema that way is a lever, and a lever is
 * never a field whose value the edit would make invalid (the calendar, the target, a correlation).
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { agreement, border, corridor, flowParams } from '../../src/scenario/schema.js';
import { LEVER_PLACES } from '../../src/studies/goal/lever.js';

const SCHEMA_AT: Record<string, { shape: Record<string, z.ZodType> }> = {
  defaults: flowParams, byDirection: flowParams, flows: flowParams, corridors: corridor, borders: border, agreements: agreement,
};

/** A number goal could write there: 0.1 fits every parameter's bounds, 2030 every date's. */
const settable = (schema: z.ZodType) => [0.1, 2030].some((value) => schema.safeParse({ value, assumption: 'set by goal' }).success);

describe('goal levers', () => {
  it.each(LEVER_PLACES.map(([above, names]) => ({ at: above.join('.'), names })))('under $at: the fields whose schema takes { value, assumption }', ({ at, names }) => {
    const shape = (SCHEMA_AT[at.split('.')[0] as string] as { shape: Record<string, z.ZodType> }).shape;
    const expected = Object.keys(shape).filter((k) => settable(shape[k] as z.ZodType));
    expect([...names].sort()).toEqual(expected.sort());
    expect(names.length).toBeGreaterThan(1);
  });
});
