import * as z from '../zod.ts';
import {
  newRecordFields,
  noteSchema,
  recordIdSchema,
  storedRecordFields,
  textSchema,
  updateOf,
} from './common-schemas.ts';
import { personSchema } from './person.ts';
import { checkTransition } from './state-machine.ts';

export const CONCEPT_STATUSES = [
  'preparation',
  'participation',
  'drafting',
  'council_decision',
  'implementation',
] as const;
export type ConceptStatus = (typeof CONCEPT_STATUSES)[number];

/**
 * A district concept moves forward one phase at a time; the council may refer a draft back
 * (council_decision → drafting). Implementation is the last phase.
 */
export const CONCEPT_TRANSITIONS: Record<ConceptStatus, readonly ConceptStatus[]> = {
  preparation: ['participation'],
  participation: ['drafting'],
  drafting: ['council_decision'],
  council_decision: ['implementation', 'drafting'],
  implementation: [],
};

const conceptFields = {
  /** The Sozialraum or Stadtteil the concept is for. */
  district: textSchema(200),
  title: textSchema(300),
  description: z.string().trim().max(10_000).nullable().optional(),
  owner: personSchema,
  /** The position that accompanies the concept; its narrative report includes the concept's milestones. */
  positionId: recordIdSchema.nullable().optional(),
};

export const createConceptSchema = z.strictObject({
  ...conceptFields,
  /** A concept already under way when it is recorded may start in a later phase. */
  status: z.enum(CONCEPT_STATUSES).optional(),
});
export type CreateConcept = z.infer<typeof createConceptSchema>;

export const updateConceptSchema = updateOf(
  z.strictObject({
    ...conceptFields,
    status: z.enum(CONCEPT_STATUSES),
    note: noteSchema,
  }),
);
export type UpdateConcept = z.infer<typeof updateConceptSchema>;

export const conceptSchema = z
  .object({
    ...storedRecordFields,
    district: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    owner: personSchema,
    positionId: z.string().nullable(),
    status: z.enum(CONCEPT_STATUSES),
  })
  .meta({ id: 'Concept' });
export type Concept = z.infer<typeof conceptSchema>;

export function newConcept(input: CreateConcept, context: { id: string; now: Date }): Concept {
  return {
    ...newRecordFields(context),
    district: input.district,
    title: input.title,
    description: input.description ?? null,
    owner: input.owner,
    positionId: input.positionId ?? null,
    status: input.status ?? 'preparation',
  };
}

export function applyConceptUpdate(concept: Concept, patch: UpdateConcept, now: Date): Concept {
  const { note: _note, ...fields } = patch;
  if (fields.status !== undefined && fields.status !== concept.status) {
    checkTransition('A concept', CONCEPT_TRANSITIONS, concept.status, fields.status);
  }
  return {
    ...concept,
    ...fields,
    description: fields.description === undefined ? concept.description : fields.description,
    positionId: fields.positionId === undefined ? concept.positionId : fields.positionId,
    version: concept.version + 1,
    updatedAt: now.toISOString(),
  };
}
