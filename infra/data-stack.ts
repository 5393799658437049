import { Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ROLES } from '../shared/domain/roles.ts';
import { GLOBAL_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../shared/store/table-definition.ts';

/** Key prefixes of the documents bucket (shared/documents/document-service.ts): pending uploads, verified documents. */
export const DOCUMENT_PREFIXES = { uploads: 'uploads/', documents: 'documents/' } as const;

/** How long a deleted document stays restorable as a noncurrent version. */
export const NONCURRENT_VERSION_DAYS = 90;
/** How long the documents bucket's server access logs are kept: as long as the API access logs. */
export const ACCESS_LOG_DAYS = 90;

/**
 * Everything that holds state and must survive a redeploy or a deleted API stack: the
 * single table, the user pool (accounts, passwords and group memberships cannot be
 * exported, so losing the pool means re-onboarding every user) and the documents bucket.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly userPool: UserPool;
  readonly documentsBucket: Bucket;
  readonly documentsAccessLogsBucket: Bucket;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    // Server access logs are delivered through a bucket policy for logging.s3.amazonaws.com,
    // scoped to the source bucket and account, instead of the legacy log-delivery ACL
    // (which needs ACLs enabled on the log bucket). Set before any child is added.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `Fördertracker role ${role}` });
    }
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is offered (TOTP, no SMS) but not forced: accounts are created by an admin (no self sign-up) ' +
        'and Plus-tier threat protection in full-function mode blocks or challenges risky and ' +
        'compromised-credential sign-ins. Forcing MFA is the city IT security officer’s call and a one-line change.',
    });

    // Server access logs of the documents bucket: who fetched or uploaded which object, from
    // which IP. SSE-S3, so the logging service needs no key grant. Kept as long as the API
    // access logs, and retained like the data they describe. It logs no access of its own
    // (that would need yet another bucket); cdk-nag's AwsSolutions-S1 accepts a bucket that
    // is the access-log destination of another.
    this.documentsAccessLogsBucket = new Bucket(this, 'DocumentsAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ id: 'ExpireAccessLogs', expiration: Duration.days(ACCESS_LOG_DAYS) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Uploaded documents (Zuwendungsbescheide, Verwendungsnachweise). Clients PUT and GET through
    // presigned URLs signed by the API Lambda; nobody else has access. No CORS: clients are
    // scripts and curl, not browsers.
    this.documentsBucket = new Bucket(this, 'Documents', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // SSE-S3 rather than KMS: no key policy or kms:Decrypt grant for the presigned-URL
      // signer, no per-request KMS cost; cdk-nag's AwsSolutions pack does not require KMS.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.documentsAccessLogsBucket,
      serverAccessLogsPrefix: 'documents-bucket/',
      lifecycleRules: [
        { id: 'AbortIncompleteMultipartUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          // Announced uploads that were never completed; a completed one is moved to documents/.
          // Their noncurrent versions (left by the move's delete) are not worth keeping either.
          id: 'ExpirePendingUploads',
          prefix: DOCUMENT_PREFIXES.uploads,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          // A deleted document stays restorable for this long, then its bytes and its delete marker go.
          id: 'ExpireNoncurrentVersions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
