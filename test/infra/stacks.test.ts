import type { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiStack } from '../../infra/api-stack.ts';
import { ENV } from '../../shared/config/environment-keys.ts';
import { createTableInput, GLOBAL_INDEXES, TTL_ATTRIBUTE } from '../../shared/store/table-definition.ts';
import {
  environmentOf,
  onlyResource,
  policyStatements,
  removeSynthesized,
  resourceOf,
  resourcesOf,
  roleStatementsOf,
  synthesizedApp,
  synthesizedTemplates,
  withAction,
} from './synth.ts';

let app: App;
let data: Template;
let api: Template;
let apiStack: ApiStack;

beforeAll(() => {
  // Synthesis runs the cdk-nag plugins: an unacknowledged finding would throw right here.
  ({ app, data, api, apiStack } = synthesizedTemplates());
});

afterAll(removeSynthesized);

const apiFunction = () => resourceOf(apiStack, api, apiStack.apiFunction);
const apiRoleStatements = () => roleStatementsOf(api, apiFunction());

describe('data stack', () => {
  it('builds the table from the shared definition the local runtime uses', () => {
    const expected = createTableInput('ignored');
    const table = onlyResource(data, 'AWS::DynamoDB::Table').Properties;

    expect(table.KeySchema).toEqual(expected.KeySchema);
    expect(table.AttributeDefinitions).toEqual(expect.arrayContaining(expected.AttributeDefinitions));
    expect(table.AttributeDefinitions).toHaveLength(expected.AttributeDefinitions.length);
    expect(table.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe(expected.BillingMode);
  });

  it('protects the table: PITR, deletion protection, retain on delete, AWS-managed encryption', () => {
    data.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // SSEEnabled without a key or SSEType: KMS with the AWS-managed key aws/dynamodb.
        SSESpecification: { SSEEnabled: true },
      }),
    });
  });

  it('expires items by the shared TTL attribute', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('keeps users in a retained pool without self sign-up and with one group per role', () => {
    data.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        DeletionProtection: 'ACTIVE',
      }),
    });
    const groups = resourcesOf(data, 'AWS::Cognito::UserPoolGroup');
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual([
      'admin',
      'coordinator',
      'finance',
      'viewer',
    ]);
  });
});

describe('api stack', () => {
  it('runs the API on Node.js 22 or newer, arm64, with memory and timeout set', () => {
    const fn = apiFunction().Properties;
    const major = Number(String(fn.Runtime).match(/^nodejs(\d+)\.x$/)?.[1]);

    expect(major).toBeGreaterThanOrEqual(22);
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.MemorySize).toBe(1024);
    expect(fn.Timeout).toBe(10);
    expect(fn.Handler).toBe('index.handler');
  });

  it('configures the API Lambda through the shared environment names', () => {
    const variables = environmentOf(apiFunction());

    expect(Object.keys(variables).sort()).toEqual(
      [
        ENV.tableName,
        ENV.documentsBucket,
        ENV.authMode,
        ENV.logLevel,
        ENV.cursorSecret,
        ENV.publicBaseUrl,
        ENV.mailTransport,
        ENV.mailFrom,
      ].sort(),
    );
    expect(variables[ENV.mailTransport]).toBe('ses');
    expect(variables[ENV.authMode]).toBe('apigateway');
    expect(variables[ENV.tableName]).toEqual({ 'Fn::ImportValue': expect.any(String) });
    // Links in e-mails and calendar entries open the web app: the distribution's address by default.
    expect(JSON.stringify(variables[ENV.publicBaseUrl])).toMatch(
      /"https:\/\/",\{"Fn::GetAtt":\["WebDistribution[0-9A-F]+","DomainName"\]\}/,
    );
  });

  it('passes the cursor secret as a dynamic reference, never as a value in the template', () => {
    const secret = environmentOf(apiFunction())[ENV.cursorSecret];

    expect(JSON.stringify(secret)).toContain('{{resolve:secretsmanager:');
  });

  it('logs as JSON to a log group with a retention period', () => {
    api.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: Match.anyValue() }),
    });
    const logGroups = resourcesOf(api, 'AWS::Logs::LogGroup');
    expect(logGroups.length).toBeGreaterThanOrEqual(2);
    for (const logGroup of logGroups) expect(logGroup.Properties.RetentionInDays).toEqual(expect.any(Number));
  });

  it('protects every /v1 route with the Cognito JWT authorizer; only docs, health and calendar feeds are open', () => {
    const routes = resourcesOf(api, 'AWS::ApiGatewayV2::Route');
    const byKey = new Map(routes.map((route) => [String(route.Properties.RouteKey), route.Properties]));

    expect([...byKey.keys()].sort()).toEqual(
      [
        'ANY /v1/{proxy+}',
        'GET /docs',
        'GET /docs/{proxy+}',
        'GET /health',
        'GET /openapi.json',
        'GET /calendar/{proxy+}',
      ].sort(),
    );
    for (const [key, route] of byKey) {
      if (key.includes(' /v1')) {
        expect(route.AuthorizationType, key).toBe('JWT');
        expect(route.AuthorizerId, key).toBeDefined();
      } else {
        expect(route.AuthorizationType ?? 'NONE', key).toBe('NONE');
        expect(route.AuthorizerId, key).toBeUndefined();
      }
    }
    api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      // ID tokens of the script client and of the web app's client (web.test.ts).
      JwtConfiguration: { Audience: [Match.anyValue(), Match.anyValue()], Issuer: Match.anyValue() },
    });
  });

  it('grants no role in the stack a wildcard action or a resource "*" (only the two document key prefixes)', () => {
    const statements = policyStatements(api);

    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      for (const resource of [statement.Resource].flat()) {
        // documents-bucket.test.ts checks that these two belong to the documents bucket.
        expect(JSON.stringify(resource).replace(/"\/(uploads|documents)\/\*"\]\]\}$/, '')).not.toContain('*');
      }
    }
    api.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });

  it('lets the API Lambda query exactly the shared indexes and nothing but item operations on the table', () => {
    const statements = withAction(apiRoleStatements(), 'dynamodb:');
    const indexResources = statements
      .flatMap((statement) => [statement.Resource].flat())
      .map((resource) => JSON.stringify(resource).match(/\/index\/([^"]+)"/)?.[1])
      .filter((name) => name !== undefined);

    expect(indexResources.sort()).toEqual(GLOBAL_INDEXES.map((index) => index.indexName).sort());
    expect(statements.flatMap((statement) => [statement.Action].flat())).not.toContain('dynamodb:Scan');
  });

  it('lets the API Lambda send mail only as the configured SES identities (for a run by hand)', () => {
    const ses = withAction(apiRoleStatements(), 'ses:');

    expect(ses).toHaveLength(1);
    expect([ses[0]?.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(ses[0]?.Resource)).toMatch(/:identity\/fristen@foerdertracker\.invalid"/);
  });

  it('logs access as JSON and throttles on the default stage', () => {
    const stage = onlyResource(api, 'AWS::ApiGatewayV2::Stage').Properties;
    const accessLog = stage.AccessLogSettings as { DestinationArn: unknown; Format: string };
    const throttling = stage.DefaultRouteSettings as Record<string, number>;

    expect(stage.StageName).toBe('$default');
    expect(stage.AutoDeploy).toBe(true);
    expect(accessLog.DestinationArn).toBeDefined();
    expect(Object.keys(JSON.parse(accessLog.Format))).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'latency']),
    );
    expect(throttling.ThrottlingBurstLimit).toBe(100);
    expect(throttling.ThrottlingRateLimit).toBe(50);
  });

  it('outputs the API URL, the user pool id and the app client id', () => {
    api.hasOutput('ApiUrl', {});
    api.hasOutput('UserPoolId', {});
    api.hasOutput('UserPoolClientId', {});
    api.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    });
  });
});

describe('cdk-nag', () => {
  it('leaves no finding unacknowledged, warnings included', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      expect(pack.validateScope(app).violations.map((violation) => violation.ruleName)).toEqual([]);
    }
  });

  it('fails synthesis when a finding is added without an acknowledgement', () => {
    const { app: failing, api: stack } = synthesizedApp();
    new Secret(stack, 'UnrotatedSecret');

    expect(() => failing.synth()).toThrow(/AwsSolutions-SMG4/);
  });
});
