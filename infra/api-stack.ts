import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { type IUserPool, UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { ENV } from '../shared/config/environment-keys.ts';
import { GLOBAL_INDEXES } from '../shared/store/table-definition.ts';
import { acknowledgeWildcardResources } from './acknowledge-wildcards.ts';
import { DOCUMENT_PREFIXES } from './data-stack.ts';
import { nodeFunction } from './node-function.ts';
import { grantSendMail, type MailOptions, mailEnvironment, Reminders } from './reminders.ts';
import { WebFrontend } from './web-frontend.ts';

export interface ApiStackProps extends StackProps {
  readonly table: ITable;
  readonly userPool: IUserPool;
  /** Where document bytes live, under `uploads/` until verified, then under `documents/`. */
  readonly documentsBucket: IBucket;
  /** Public URL of the API, e.g. a custom domain; defaults to the HTTP API's execute-api endpoint. */
  readonly publicBaseUrl?: string;
  /** Sender and recipients of reminder mail. */
  readonly mail: MailOptions;
  /** Gets the reminder alarms by e-mail, if given. */
  readonly alarmEmail?: string;
  /** Prefix of the Cognito managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  readonly signInDomainPrefix?: string;
}

/** Files the `/docs` route serves from `./swagger-ui/` next to the bundle. */
const SWAGGER_UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** What the repositories and Powertools idempotency call; TransactWriteItems is authorized per item. */
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * What the document service does with S3 (shared/documents/object-storage.ts): HeadObject and
 * (ranged) GetObject are s3:GetObject, CopyObject is s3:GetObject on the source and s3:PutObject
 * on the target, and the presigned PUT and GET URLs carry this role's permissions. Versioning
 * needs nothing more: a plain DeleteObject only adds a delete marker.
 */
const DOCUMENT_OBJECT_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'];

/** Routes anyone may call, and why. Everything else needs a token. */
const OPEN_ROUTES: Record<string, string> = {
  '/health': 'health check; it reads no data',
  '/openapi.json': 'API documentation; it reads no data',
  '/docs': 'API documentation; it reads no data',
  '/docs/{proxy+}': 'API documentation assets; it reads no data',
  '/calendar/{proxy+}':
    'calendar feeds for calendar apps, which cannot send a bearer token: the revocable 256-bit token in the ' +
    'URL is the credential, checked by the function (only its SHA-256 is stored)',
};

/**
 * Stateless compute: the API Lambda behind an HTTP API with a Cognito JWT authorizer.
 * It can be destroyed and redeployed at will; state lives in the data stack.
 */
export class ApiStack extends Stack {
  readonly apiFunction: NodejsFunction;
  readonly reminders: Reminders;
  readonly web: WebFrontend;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);

    // The key that signs pagination cursors. CloudFormation resolves the dynamic reference
    // at deploy time, so neither the template nor the asset holds the value, and the Lambda
    // reads a plain environment variable: no Secrets Manager round trip at cold start (unlike
    // fetching it in the handler or through the Parameters and Secrets extension) and no
    // secretsmanager permission on the role. The price: principals allowed
    // lambda:GetFunctionConfiguration can read it, and a new value arrives with the next
    // deploy. Both are fine for a key whose misuse could at worst forge a start key inside a
    // query the caller is already authorized for.
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Fördertracker: HMAC key that signs pagination cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The cursor-signing key is injected at deploy time, so rotation would only take effect on the next ' +
        'deploy and would invalidate open pagination cursors; a redeploy of this stateless stack is the rotation.',
    });

    const api = new HttpApi(this, 'HttpApi', {
      description: 'Fördertracker API',
      createDefaultStage: false,
    });

    // The web app and the API share one CloudFront origin: the app needs no CORS, the API sets none.
    this.web = new WebFrontend(this, 'Web', {
      userPool: props.userPool,
      api,
      documentsBucket: props.documentsBucket,
      signInDomainPrefix: props.signInDomainPrefix ?? `foerdertracker-${Aws.ACCOUNT_ID}`,
    });

    // One public address for people and feeds: links in e-mails and calendar entries open the web
    // app's pages, and the distribution passes /v1 and /calendar on to the API.
    const publicBaseUrl = props.publicBaseUrl ?? this.web.url;
    const { fn, role } = nodeFunction(this, 'ApiFunction', {
      entry: fileURLToPath(new URL('../functions/api/handler.ts', import.meta.url)),
      description:
        'Fördertracker API Lambda: own log group, read/write on the single table and the document prefixes',
      memorySize: 1024,
      timeout: Duration.seconds(10),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.documentsBucket]: props.documentsBucket.bucketName,
        [ENV.authMode]: 'apigateway',
        [ENV.logLevel]: 'INFO',
        [ENV.cursorSecret]: cursorSecret.secretValue.unsafeUnwrap(),
        // The function depends on the distribution, which knows only the API's id: no cycle.
        [ENV.publicBaseUrl]: publicBaseUrl,
        // An admin may run the reminder job by hand (POST /v1/reminders/run): same mail settings.
        ...mailEnvironment(props.mail),
      },
      afterBundling: (outputDir) => [
        `mkdir -p "${outputDir}/swagger-ui"`,
        ...SWAGGER_UI_FILES.map((file) => `cp "${swaggerUiDir}/${file}" "${outputDir}/swagger-ui/${file}"`),
      ],
    });
    this.apiFunction = fn;
    // Least privilege instead of grantReadWriteData: item operations on the table (transactions
    // need no actions of their own) and Query on exactly the shared indexes: no index wildcard,
    // no stream actions, no Scan (the architecture allows none outside admin exports).
    role.addToPolicy(new PolicyStatement({ actions: TABLE_ACTIONS, resources: [props.table.tableArn] }));
    role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: GLOBAL_INDEXES.map((index) => `${props.table.tableArn}/index/${index.indexName}`),
      }),
    );
    // Object operations on the two prefixes the document service uses, nothing bucket-wide:
    // no ListBucket, no object-ACL, tagging or version actions.
    const documentObjects = Object.values(DOCUMENT_PREFIXES).map((prefix) =>
      props.documentsBucket.arnForObjects(`${prefix}*`),
    );
    role.addToPolicy(new PolicyStatement({ actions: DOCUMENT_OBJECT_ACTIONS, resources: documentObjects }));
    // Without ListBucket, S3 answers a HeadObject on a missing key with 403 instead of 404, and
    // "complete before upload" would look like a server error rather than the client's 409.
    role.addToPolicy(
      new PolicyStatement({ actions: ['s3:ListBucket'], resources: [props.documentsBucket.bucketArn] }),
    );
    acknowledgeWildcardResources(
      role,
      documentObjects,
      'Document keys are uploads/<id> and documents/<id> with ids minted at request time, so an object ' +
        'ARN cannot be named in advance: the wildcard covers exactly the two prefixes the document service ' +
        'uses, for Put, Get and Delete only, never the whole bucket.',
    );

    grantSendMail(this, role, props.mail);

    Validations.of(this.apiFunction).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Only API Gateway invokes this function, synchronously: a failure is returned to the caller as a 5xx. ' +
          'A dead-letter queue only ever receives failed asynchronous invocations.',
      },
      {
        id: 'Serverless-LambdaAsyncFailureDestination',
        reason:
          'Only API Gateway invokes this function, synchronously: there are no asynchronous invocations whose ' +
          'failures a destination could capture.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'No X-Ray: HTTP APIs cannot emit traces, so a trace would hold a single segment, and it would need ' +
          'xray:PutTraceSegments on "*". Requests are correlated by the API Gateway request id in access and function logs.',
      },
    );

    const appClient = new UserPoolClient(this, 'AppClient', {
      userPool: props.userPool,
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction);
    // ID tokens of both clients: scripts (AppClient) and the web app (managed login).
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', props.userPool, {
      userPoolClients: [appClient, this.web.client],
    });

    api.addRoutes({ path: '/v1/{proxy+}', methods: [HttpMethod.ANY], integration, authorizer });
    for (const [path, why] of Object.entries(OPEN_ROUTES)) {
      for (const route of api.addRoutes({ path, methods: [HttpMethod.GET], integration })) {
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `GET ${path} is public by design: ${why}.`,
        });
      }
    }

    this.reminders = new Reminders(this, 'Reminders', {
      table: props.table,
      publicBaseUrl,
      mail: props.mail,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // `sub` is a pseudonymous id: enough to trace a request to an account without logging e-mail addresses.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            // The route, not the path: calendar feed URLs carry their token in the path.
            routeKey: '$context.routeKey',
            status: '$context.status',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: appClient.userPoolClientId });
    new CfnOutput(this, 'WebUrl', { value: this.web.url });
  }
}
