import type { Context as LambdaContext } from 'aws-lambda';
import type { Actor } from '../../../shared/domain/actor.ts';
import type { Logger } from '../../../shared/logger.ts';
import type { ApiDependencies } from '../dependencies.ts';

export interface AppEnv {
  Bindings: {
    /** Present on Lambda (hono/aws-lambda); absent locally. */
    event?: {
      requestContext?: { requestId?: string; authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
    };
    lambdaContext?: LambdaContext;
  };
  Variables: {
    actor: Actor;
    requestId: string;
    log: Logger;
    /** What handlers work with, set once per request: routes are values, not factories. */
    deps: ApiDependencies;
  };
}
