import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addFoerdertracker } from '../../infra/foerdertracker.ts';

export interface LambdaBundles {
  /** Absolute path of the bundled API entry (`index.mjs`); import it with `pathToFileURL(api).href`. */
  api: string;
  /** Absolute path of the bundled reminder job's entry (`index.mjs`). */
  reminders: string;
  /** The temporary cloud assembly that holds the bundles. */
  dir: string;
  cleanup(): Promise<void>;
}

/** The folder CDK staged a function's code asset in (`asset.<hash>` for the `<hash>.zip` it uploads). */
function assetDirOf(assembly: CloudAssembly, stack: Stack, fn: NodejsFunction): string {
  const template = assembly.getStackArtifact(stack.artifactId).template as {
    Resources: Record<string, { Properties?: { Code?: { S3Key?: unknown } } }>;
  };
  const logicalId = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
  const s3Key = template.Resources[logicalId]?.Properties?.Code?.S3Key;
  if (typeof s3Key !== 'string') throw new Error(`No asset S3Key on ${logicalId} in ${stack.templateFile}`);
  return join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
}

/**
 * Synthesizes the app with bundling into a temporary folder and returns the Lambda bundles:
 * the very esbuild output (and `swagger-ui/` next to the API's) that `cdk deploy` uploads,
 * so tests and benchmarks exercise what runs in Lambda rather than the TypeScript sources.
 *
 * Takes a few seconds (esbuild plus synth); call it once per test file, in `beforeAll`.
 */
export async function synthLambdaBundles(): Promise<LambdaBundles> {
  const dir = await mkdtemp(join(tmpdir(), 'foerdertracker-bundles-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    const app = new App({ outdir: dir });
    const { api: apiStack } = addFoerdertracker(app);
    const assembly = app.synth();

    const apiDir = assetDirOf(assembly, apiStack, apiStack.apiFunction);
    const api = join(apiDir, 'index.mjs');
    const reminders = join(assetDirOf(assembly, apiStack, apiStack.reminders.function), 'index.mjs');
    for (const expected of [api, join(apiDir, 'swagger-ui'), reminders]) {
      if (!existsSync(expected)) throw new Error(`Bundled asset is missing ${expected}`);
    }
    return { api, reminders, dir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
