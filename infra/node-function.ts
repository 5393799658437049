import { execSync } from 'node:child_process';
import { dirname } from 'node:path';
import { AssetHashType, DockerImage, type Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleLambda, LAMBDA_BUNDLE } from './lambda-bundle.ts';

export { LAMBDA_BUNDLE };

export const PINNED_RUNTIME =
  'Pinned to nodejs22.x on purpose (supported until April 2027): the bundle targets node22 and its cold start ' +
  'was measured there. A runtime upgrade is a tested change, not a side effect of a CDK upgrade that knows a newer one.';

export interface NodeFunctionProps {
  /** The handler module (exports `handler`). */
  entry: string;
  description: string;
  memorySize: number;
  timeout: Duration;
  environment: Record<string, string>;
  /** Shell commands run after esbuild, e.g. to copy files next to the bundle. */
  afterBundling?: (outputDir: string) => string[];
}

/**
 * A Node.js Lambda the way this project builds them all: ESM bundle with the SDK inside,
 * arm64, Node 22, JSON logs into its own log group with a retention, and an explicit role
 * that may write to that log group only (no AWSLambdaBasicExecutionRole, no logs:* on `*`).
 * Children are named `<id>Logs`, `<id>Role` and `<id>` in the given scope.
 */
export function nodeFunction(scope: Construct, id: string, props: NodeFunctionProps) {
  const logGroup = new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.THREE_MONTHS });
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: props.description,
  });
  logGroup.grantWrite(role);
  const fn = new LambdaFunction(scope, id, {
    code: Code.fromAsset(dirname(props.entry), {
      // The hash of what was built, not of the entry's folder: shared/ code changes it too.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: local bundling always succeeds (esbuild is a dev dependency).
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
        local: {
          tryBundle(outputDir) {
            bundleLambda(props.entry, outputDir, { splitting: true });
            for (const command of props.afterBundling?.(outputDir) ?? []) execSync(command);
            return true;
          },
        },
      },
    }),
    handler: 'index.handler',
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    role,
    logGroup,
    loggingFormat: LoggingFormat.JSON,
    applicationLogLevelV2: ApplicationLogLevel.INFO,
    systemLogLevelV2: SystemLogLevel.WARN,
    environment: props.environment,
  });
  Validations.of(fn).acknowledge(
    { id: 'AwsSolutions-L1', reason: PINNED_RUNTIME },
    { id: 'Serverless-LambdaLatestVersion', reason: PINNED_RUNTIME },
  );
  return { fn, role };
}
