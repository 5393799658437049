import * as z from '../zod.ts';

/** Personal data stays minimal: a name and a work e-mail, nothing else. */
export const personSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z
    .email()
    .max(254)
    .transform((email) => email.toLowerCase()),
});
export type Person = z.infer<typeof personSchema>;
