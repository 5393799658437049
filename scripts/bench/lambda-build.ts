import { fileURLToPath } from 'node:url';
import { LAMBDA_BUILD_OPTIONS } from '../../infra/lambda-bundle.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const API_ENTRY = fileURLToPath(new URL('../../functions/api/handler.ts', import.meta.url));

/** The options CDK bundles every Lambda with (infra/lambda-bundle.ts), for rebuilding what is deployed. */
export { LAMBDA_BUILD_OPTIONS };
