import { writeFile } from 'node:fs/promises';
import { API_TYPES_PATH, renderApiTypes } from './api-types.ts';

/** `npm run client`: writes the API's types from its OpenAPI document to client/api.d.ts. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await writeFile(new URL(`../../${API_TYPES_PATH}`, import.meta.url), await renderApiTypes());
console.log(`Wrote ${API_TYPES_PATH}`);
