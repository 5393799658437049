import { Validations } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiStack } from '../../infra/api-stack.ts';
import type { DataStack } from '../../infra/data-stack.ts';
import { ENV } from '../../shared/config/environment-keys.ts';
import {
  environmentOf,
  policyStatements,
  removeSynthesized,
  resourceOf,
  resourcesOf,
  roleStatementsOf,
  type Statement,
  synthesizedApp,
  synthesizedTemplates,
  withAction,
} from './synth.ts';

let dataStack: DataStack;
let apiStack: ApiStack;
let data: Template;
let api: Template;

beforeAll(() => {
  // Synthesis runs the cdk-nag plugins: an unacknowledged finding would throw right here.
  ({ dataStack, apiStack, data, api } = synthesizedTemplates());
});

afterAll(removeSynthesized);

const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  dataStack.getLogicalId(construct.node.defaultChild as never);
const documentsBucket = () => resourceOf(dataStack, data, dataStack.documentsBucket);
const logsBucket = () => resourceOf(dataStack, data, dataStack.documentsAccessLogsBucket);
const bucketPolicyStatements = (bucketLogicalId: string): Statement[] => {
  const policy = resourcesOf(data, 'AWS::S3::BucketPolicy').find((candidate) =>
    JSON.stringify(candidate.Properties.Bucket).includes(bucketLogicalId),
  );
  if (!policy) throw new Error(`no bucket policy for ${bucketLogicalId}`);
  return (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
};
const withS3Action = (statements: Statement[]) => withAction(statements, 's3:');

/** The name of the data stack export a `Fn::ImportValue` in the API stack reads, and the value it exports. */
function exportedValue(imported: unknown): unknown {
  const name = (imported as { 'Fn::ImportValue'?: string })['Fn::ImportValue'];
  expect(name, JSON.stringify(imported)).toEqual(expect.any(String));
  const outputs = Object.values(data.toJSON().Outputs ?? {}) as {
    Value: unknown;
    Export?: { Name: string };
  }[];
  const output = outputs.find((candidate) => candidate.Export?.Name === name);
  expect(output, name).toBeDefined();
  return output?.Value;
}

/** What keeps both buckets private: every public access blocked, ACLs disabled. */
const NO_PUBLIC_ACCESS = {
  PublicAccessBlockConfiguration: {
    BlockPublicAcls: true,
    BlockPublicPolicy: true,
    IgnorePublicAcls: true,
    RestrictPublicBuckets: true,
  },
  OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
};
const S3_MANAGED_ENCRYPTION = {
  BucketEncryption: {
    ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
  },
};

describe('the documents bucket (data stack)', () => {
  it('blocks every kind of public access and disables ACLs', () => {
    expect(documentsBucket().Properties).toMatchObject(NO_PUBLIC_ACCESS);
    expect(documentsBucket().Properties.AccessControl).toBeUndefined();
  });

  it('keeps versions and encrypts at rest with S3-managed keys', () => {
    expect(documentsBucket().Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      ...S3_MANAGED_ENCRYPTION,
    });
  });

  it('denies every request without TLS, or below TLS 1.2, on the bucket and its objects', () => {
    const id = logicalIdOf(dataStack.documentsBucket);
    const denies = bucketPolicyStatements(id).filter((statement) => statement.Effect === 'Deny');
    const bucketAndObjects = [
      { 'Fn::GetAtt': [id, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, '/*']] },
    ];

    expect(denies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          Resource: bucketAndObjects,
        }),
        expect.objectContaining({
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } },
          Resource: bucketAndObjects,
        }),
      ]),
    );
    expect(bucketPolicyStatements(id).filter((statement) => statement.Effect !== 'Deny')).toEqual([]);
  });

  it('aborts multipart uploads and expires pending uploads after a day, noncurrent versions after 90 days', () => {
    const rules = (documentsBucket().Properties.LifecycleConfiguration as { Rules: unknown[] }).Rules;

    expect(rules).toEqual([
      {
        Id: 'AbortIncompleteMultipartUploads',
        Status: 'Enabled',
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
      {
        Id: 'ExpirePendingUploads',
        Status: 'Enabled',
        Prefix: 'uploads/',
        ExpirationInDays: 1,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      },
      {
        Id: 'ExpireNoncurrentVersions',
        Status: 'Enabled',
        NoncurrentVersionExpiration: { NoncurrentDays: 90 },
        ExpiredObjectDeleteMarker: true,
      },
    ]);
  });

  it('is retained on stack deletion and replacement, and nothing empties it', () => {
    expect(documentsBucket()).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    data.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
    expect(Object.keys(data.findResources('AWS::Lambda::Function'))).toEqual([]);
  });

  it('has no CORS configuration: clients are scripts, not browsers', () => {
    expect(documentsBucket().Properties.CorsConfiguration).toBeUndefined();
  });

  it('writes server access logs to a separate bucket', () => {
    expect(documentsBucket().Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalIdOf(dataStack.documentsAccessLogsBucket) },
      LogFilePrefix: 'documents-bucket/',
    });
    data.resourceCountIs('AWS::S3::Bucket', 2);
  });
});

describe('the access log bucket', () => {
  it('is private, encrypted, TLS-only, retained, and keeps logs 90 days', () => {
    const id = logicalIdOf(dataStack.documentsAccessLogsBucket);

    expect(logsBucket()).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        ...NO_PUBLIC_ACCESS,
        ...S3_MANAGED_ENCRYPTION,
        LifecycleConfiguration: {
          Rules: [{ Id: 'ExpireAccessLogs', Status: 'Enabled', ExpirationInDays: 90 }],
        },
      },
    });
    expect(logsBucket().Properties.AccessControl).toBeUndefined();
    expect(bucketPolicyStatements(id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('lets only the S3 logging service write, only under the prefix, only for the documents bucket', () => {
    const id = logicalIdOf(dataStack.documentsAccessLogsBucket);
    const allows = bucketPolicyStatements(id).filter((statement) => statement.Effect === 'Allow');

    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, '/documents-bucket/*']] },
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdOf(dataStack.documentsBucket), 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        },
      },
    ]);
  });
});

describe('access to the documents bucket from the API stack', () => {
  const apiFunction = () => resourceOf(apiStack, api, apiStack.apiFunction);
  const reminderFunction = () => resourceOf(apiStack, api, apiStack.reminders.function);

  it('tells the API Lambda the bucket name under the shared environment name', () => {
    const bucketName = environmentOf(apiFunction())[ENV.documentsBucket];

    expect(exportedValue(bucketName)).toEqual({ Ref: logicalIdOf(dataStack.documentsBucket) });
  });

  it('lets the API role put, get and delete objects under uploads/ and documents/, nothing else in S3', () => {
    const statements = withS3Action(roleStatementsOf(api, apiFunction()));
    const [statement, ...more] = statements.filter((candidate) => candidate.Action !== 's3:ListBucket');
    // ListBucket on the bucket itself only, so a missing key is a 404, not a 403.
    const [listing, ...moreListings] = statements.filter((candidate) => candidate.Action === 's3:ListBucket');
    expect(moreListings).toEqual([]);
    expect(exportedValue(listing?.Resource)).toEqual({
      'Fn::GetAtt': [logicalIdOf(dataStack.documentsBucket), 'Arn'],
    });

    expect(more).toEqual([]);
    expect(statement?.Effect).toBe('Allow');
    expect(statement?.Condition).toBeUndefined();
    expect([statement?.Action].flat().sort()).toEqual(['s3:DeleteObject', 's3:GetObject', 's3:PutObject']);
    const resources = [statement?.Resource].flat() as { 'Fn::Join': [string, [unknown, string]] }[];
    expect(resources.map((resource) => resource['Fn::Join'][1][1]).sort()).toEqual([
      '/documents/*',
      '/uploads/*',
    ]);
    for (const resource of resources) {
      expect(resource['Fn::Join'][0]).toBe('');
      expect(resource['Fn::Join'][1]).toHaveLength(2);
      expect(exportedValue(resource['Fn::Join'][1][0])).toEqual({
        'Fn::GetAtt': [logicalIdOf(dataStack.documentsBucket), 'Arn'],
      });
    }
  });

  it('gives the reminder Lambda no S3 permission and no bucket', () => {
    expect(withS3Action(roleStatementsOf(api, reminderFunction()))).toEqual([]);
    expect(environmentOf(reminderFunction())[ENV.documentsBucket]).toBeUndefined();
    // The API role's two statements (objects, and listing the bucket) are the only S3 grants in the stack.
    expect(withS3Action(policyStatements(api))).toHaveLength(2);
    api.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});

describe('cdk-nag and the object-prefix wildcards', () => {
  it('acknowledges AwsSolutions-IAM5 for exactly the two prefixes, with a reason', () => {
    const acknowledged = apiStack.apiFunction.role?.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>));

    const iam5 = new Map((acknowledged ?? []).filter(([id]) => id.includes('AwsSolutions-IAM5')));
    expect([...iam5.keys()].map((id) => id.match(/\/(uploads|documents)\/\*\]$/)?.[1]).sort()).toEqual([
      'documents',
      'uploads',
    ]);
    for (const reason of iam5.values()) expect(reason.length).toBeGreaterThan(40);
  });

  it('still fails synthesis for a wildcard on the whole bucket', () => {
    const { app, data: stack, api: failing } = synthesizedApp();
    failing.apiFunction.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [stack.documentsBucket.arnForObjects('*')],
      }),
    );

    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::[^\]]*Documents[^\]]*\/\*\]/);
  });
});
