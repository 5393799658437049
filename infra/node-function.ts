import { type Duration, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * The esbuild settings of every Lambda, in one place: CDK bundles with them, and the bench
 * (scripts/bench/lambda-build.ts) rebuilds with the same values to attribute the bytes.
 */
export const LAMBDA_BUNDLE = {
  target: 'node22',
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies (the SDK among them) call require(); ESM has none.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
} as const;

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
  const fn = new NodejsFunction(scope, id, {
    entry: props.entry,
    handler: 'handler',
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
    bundling: {
      ...LAMBDA_BUNDLE,
      mainFields: [...LAMBDA_BUNDLE.mainFields],
      format: OutputFormat.ESM,
      charset: Charset.UTF8,
      // No source maps: --enable-source-maps slows every cold start; minified stack traces
      // still name the module and the Powertools logs carry the request context.
      sourceMap: false,
      // Bundling the SDK as ESM is smaller and starts faster than the runtime's copy.
      externalModules: [],
      ...(props.afterBundling
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling?.(outputDir) ?? [],
            },
          }
        : {}),
    },
  });
  Validations.of(fn).acknowledge(
    { id: 'AwsSolutions-L1', reason: PINNED_RUNTIME },
    { id: 'Serverless-LambdaLatestVersion', reason: PINNED_RUNTIME },
  );
  return { fn, role };
}
