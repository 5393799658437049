/**
 * zod for this codebase: import it from here, never from 'zod' (Biome refuses that).
 *
 * Why: zod copies prototype methods onto each schema when the schema is built, so a schema
 * built before `extendZodWithOpenApi` ran never gets `.openapi()`. Installing it here, in the
 * module every schema comes from, rules that out whatever order a bundle evaluates modules in.
 * `export *` (not a namespace object) and handing over only `ZodType` (all the extension
 * reads) let esbuild keep just the parts of zod the code calls.
 */
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import * as zod from 'zod';

extendZodWithOpenApi({ ZodType: zod.ZodType } as unknown as Parameters<typeof extendZodWithOpenApi>[0]);

export * from 'zod';
