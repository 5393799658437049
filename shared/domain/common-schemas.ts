import * as z from '../zod.ts';

/** Server-made ids (ULIDs), in paths and in requests that name another record. */
export const recordIdSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not an id');

/** Trimmed text that must say something. */
export const textSchema = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * What the store keeps on every versioned record: its id, the version `If-Match` names, and
 * when it was made and last changed. Spread into each record's response schema.
 */
export const storedRecordFields = {
  id: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** What every new record starts with: its id, version 1, made and last changed now. */
export function newRecordFields(context: { id: string; now: Date }) {
  const at = context.now.toISOString();
  return { id: context.id, version: 1, createdAt: at, updatedAt: at };
}

/**
 * A decimal in steps of `step` between `min` and `max`: the document says so (minimum, maximum,
 * multipleOf) and the validator agrees. zod's multipleOf tolerates a value far below one step
 * (1e-200 rounds to 0 steps), which JSON Schema refuses and DynamoDB cannot store (underflow),
 * so a value other than 0 must be at least one step.
 */
export const decimalSchema = (step: number, min: number, max: number, stepMessage: string) =>
  z
    .number()
    .min(min)
    .max(max)
    .multipleOf(step, stepMessage)
    .refine((value) => value === 0 || Math.abs(value) >= step, stepMessage);

/** A note that goes into the history entry of a change. */
export const noteSchema = z.string().max(2000);

/**
 * The update of a record: every field optional, and at least one that changes something (a
 * note alone, which only goes into the history, does not).
 */
export const updateOf = <Shape extends z.core.$ZodShape, Config extends z.core.$ZodObjectConfig>(
  schema: z.ZodObject<Shape, Config>,
) =>
  schema.partial().refine((patch) => Object.keys(patch).some((key) => key !== 'note'), {
    message: 'must change at least one field',
  });
