import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { addFoerdertracker } from '../../infra/foerdertracker.ts';

export interface LambdaBundles {
  /** Absolute path of the bundled API entry (`index.mjs`); import it with `pathToFileURL(api).href`. */
  api: string;
  /** The temporary cloud assembly that holds the bundles. */
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Synthesizes the app with bundling into a temporary folder and returns the API bundle:
 * the very esbuild output (and `swagger-ui/` next to it) that `cdk deploy` uploads, so
 * tests and benchmarks exercise what runs in Lambda rather than the TypeScript sources.
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

    const template = assembly.getStackArtifact(apiStack.artifactId).template as {
      Resources: Record<string, { Properties?: { Code?: { S3Key?: unknown } } }>;
    };
    const logicalId = apiStack.getLogicalId(apiStack.apiFunction.node.defaultChild as CfnFunction);
    const s3Key = template.Resources[logicalId]?.Properties?.Code?.S3Key;
    if (typeof s3Key !== 'string')
      throw new Error(`No asset S3Key on ${logicalId} in ${apiStack.templateFile}`);

    // CDK stages an asset `<hash>.zip` as the folder `asset.<hash>` in the assembly.
    const assetDir = join(assembly.directory, `asset.${s3Key.replace(/\.zip$/, '')}`);
    const api = join(assetDir, 'index.mjs');
    for (const expected of [api, join(assetDir, 'swagger-ui')]) {
      if (!existsSync(expected)) throw new Error(`Bundled asset is missing ${expected}`);
    }
    return { api, dir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
