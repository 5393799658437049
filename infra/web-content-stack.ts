import { AssetHashType, DockerImage, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { copyWebBuildTo, WEB_DIR } from '../scripts/local/web-build.ts';
import { RUNTIME_CONFIG_PATH, type WebRuntimeConfig } from '../web/serving.ts';
import { acknowledgeWildcardResources } from './acknowledge-wildcards.ts';

export interface WebContentStackProps extends StackProps {
  /** The web bucket and the distribution in front of it (API stack). */
  webBucket: IBucket;
  distribution: IDistribution;
  runtimeConfig: WebRuntimeConfig;
  /** The documents bucket: the app uploads to it with presigned URLs, from the distribution's origin. */
  documentsBucket: IBucket;
}

const ASSETS = 'assets/*';

/** The built app as a CDK asset: `cdk synth` builds web/ when web/dist is missing or stale (offline). */
function webAppAsset() {
  return Source.asset(WEB_DIR, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always succeeds (vite is a dev dependency).
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-alpine'),
      local: {
        tryBundle(outputDir) {
          copyWebBuildTo(outputDir);
          return true;
        },
      },
    },
  });
}

/**
 * Puts the web app into its bucket and lets its pages upload documents. Apart from the API
 * stack because both need a Lambda-backed custom resource (with the wildcards S3 deployments
 * take), which the API stack's least-privilege checks keep out.
 */
export class WebContentStack extends Stack {
  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);
    const app = webAppAsset();
    // Hashed file names never change content: cached for a year. Old ones stay (no prune), so a
    // tab opened before a deploy can still load the chunks it knows.
    new BucketDeployment(this, 'Assets', {
      sources: [app],
      destinationBucket: props.webBucket,
      include: [ASSETS],
      exclude: ['*'],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    // index.html and config.json are asked for anew each time, so a deploy is seen at once.
    new BucketDeployment(this, 'Pages', {
      sources: [app, Source.jsonData(RUNTIME_CONFIG_PATH.slice(1), props.runtimeConfig)],
      destinationBucket: props.webBucket,
      exclude: [ASSETS],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: ['/index.html', RUNTIME_CONFIG_PATH],
    });

    // The documents bucket is stateful (data stack) and cannot know the distribution's domain,
    // so its CORS rule is set from here: PUT from the app's origin only, nothing else.
    const bucketName = props.documentsBucket.bucketName;
    const cors = {
      service: 'S3',
      action: 'putBucketCors',
      parameters: {
        Bucket: bucketName,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [`https://${props.distribution.distributionDomainName}`],
              AllowedMethods: ['PUT'],
              AllowedHeaders: ['content-type'],
              MaxAgeSeconds: 3000,
            },
          ],
        },
      },
      physicalResourceId: PhysicalResourceId.of(`${bucketName}-web-cors`),
    };
    new AwsCustomResource(this, 'DocumentsCors', {
      onCreate: cors,
      onUpdate: cors,
      onDelete: { service: 'S3', action: 'deleteBucketCors', parameters: { Bucket: bucketName } },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [props.documentsBucket.bucketArn] }),
      installLatestAwsSdk: false,
    });
    acknowledgeProviderFindings(this, props.webBucket);
  }
}

/**
 * This stack holds nothing but CDK's own deployment and SDK-call providers, so their findings
 * are acknowledged here, for the stack, each with its reason.
 */
function acknowledgeProviderFindings(stack: Stack, webBucket: IBucket): void {
  const provider = 'CDK’s BucketDeployment and AwsCustomResource providers';
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${provider} log through the AWS managed basic execution role: CloudWatch Logs only.`,
  );
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
    acknowledge(
      `AwsSolutions-IAM5[Action::${action}]`,
      `The BucketDeployment grant (read the CDK asset bucket, write the web bucket); ${action} stays within those two buckets.`,
    );
  }
  acknowledge(
    'AwsSolutions-IAM5[Resource::*]',
    'cloudfront:CreateInvalidation and GetInvalidation, which CDK’s BucketDeployment grants on every distribution; it only invalidates index.html and config.json.',
  );
  acknowledge(
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
    'The CDK bootstrap asset bucket, whose objects are the zipped web app the deployment copies.',
  );
  acknowledgeWildcardResources(
    stack,
    [`${webBucket.bucketArn}/*`],
    'The deployment writes the built app into the web bucket: every object of it, and nothing else.',
  );
  for (const id of ['AwsSolutions-L1', 'Serverless-LambdaLatestVersion']) {
    acknowledge(id, `${provider} choose their own Node.js runtime; CDK upgrades it with aws-cdk-lib.`);
  }
  acknowledge(
    'Serverless-LambdaDLQ',
    `${provider} answer CloudFormation, which reports a failure as a failed deployment; there is nothing to retry later.`,
  );
  acknowledge(
    'Serverless-LambdaTracing',
    `${provider} run only during a deployment; CloudFormation events trace them.`,
  );
  acknowledge(
    'Serverless-LambdaDefaultMemorySize',
    'The AwsCustomResource provider makes one S3 call (PutBucketCors); its default memory is plenty.',
  );
}
