import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_CALLBACK_PATH, SIGNED_OUT_PATH } from '../../web/serving.ts';
import { onlyResource, type Resource, removeSynthesized, synthesizedApp } from './synth.ts';

let api: Template;
let web: Template;

beforeAll(() => {
  const stacks = synthesizedApp();
  // Synthesis runs the cdk-nag plugins: an unacknowledged finding would throw right here.
  api = Template.fromStack(stacks.api);
  web = Template.fromStack(stacks.web);
});

afterAll(removeSynthesized);

const distribution = () =>
  onlyResource(api, 'AWS::CloudFront::Distribution').Properties.DistributionConfig as {
    DefaultCacheBehavior: Record<string, unknown>;
    CacheBehaviors: Record<string, unknown>[];
    Origins: {
      Id: string;
      DomainName: unknown;
      S3OriginConfig?: unknown;
      OriginAccessControlId?: unknown;
      CustomOriginConfig?: Record<string, unknown>;
    }[];
    CustomErrorResponses?: unknown;
    DefaultRootObject: string;
  };
/** A template value with its references blanked out, for text matching. */
const text = (value: unknown) => JSON.stringify(value);
const csp = () => {
  const policy = onlyResource(api, 'AWS::CloudFront::ResponseHeadersPolicy').Properties
    .ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } } & Record<
      string,
      unknown
    >;
  };
  return policy.SecurityHeadersConfig;
};

describe('the web app in AWS', () => {
  it('keeps the app in a private, encrypted bucket that takes only TLS', () => {
    const bucket = Object.values(api.findResources('AWS::S3::Bucket')) as Resource[];
    expect(bucket).toHaveLength(1);
    expect(bucket[0]!.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    api.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Only CloudFront, signing with origin access control, for this distribution.
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('serves it through CloudFront with origin access control, redirecting to HTTPS', () => {
    api.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    const config = distribution();
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Origins.find((origin) => origin.S3OriginConfig)?.OriginAccessControlId).toBeDefined();
    expect(config.DefaultRootObject).toBe('index.html');
  });

  it('falls back to index.html for the app routes only, never for the API’s own 403 and 404', () => {
    const config = distribution();
    expect(config.CustomErrorResponses).toBeUndefined();
    const [association] = config.DefaultCacheBehavior.FunctionAssociations as { EventType: string }[];
    expect(association?.EventType).toBe('viewer-request');
    const fn = onlyResource(api, 'AWS::CloudFront::Function').Properties;
    expect(fn.FunctionCode).toContain("request.uri = '/index.html'");
  });

  it('sends /v1/* to the HTTP API on the same origin, uncached, Authorization passed on: no CORS anywhere', () => {
    const config = distribution();
    const apiBehavior = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/v1/*');
    expect(apiBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']),
      // The managed CachingDisabled and AllViewerExceptHostHeader policies.
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
    const apiOrigin = config.Origins.find((origin) => origin.CustomOriginConfig);
    expect(text(apiOrigin?.DomainName)).toContain('.execute-api.');
    expect(apiOrigin?.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    const httpApi = onlyResource(api, 'AWS::ApiGatewayV2::Api').Properties;
    expect(httpApi.CorsConfiguration).toBeUndefined();
  });

  it('sends /calendar/* to the API too, uncached, so feeds share the address the e-mail links use', () => {
    const config = distribution();
    const feedBehavior = config.CacheBehaviors.find((behavior) => behavior.PathPattern === '/calendar/*');
    expect(feedBehavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    });
    const apiOrigin = config.Origins.find((origin) => origin.CustomOriginConfig);
    expect(feedBehavior?.TargetOriginId).toBe(apiOrigin?.Id);
  });

  it('sends a strict Content-Security-Policy and HSTS with every answer', () => {
    const headers = csp();
    const policy = text(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(policy).toContain("default-src 'self'; script-src 'self'; style-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/connect-src 'self' https:\/\/",\{"Ref":"WebSignInDomain\w+"\},"\.auth\./);
    expect(policy).toContain('https://cognito-idp.');
    expect(policy).toContain('RegionalDomainName');
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
    });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    const config = distribution();
    const policyId = config.DefaultCacheBehavior.ResponseHeadersPolicyId;
    expect(
      config.CacheBehaviors.every((behavior) => text(behavior.ResponseHeadersPolicyId) === text(policyId)),
    ).toBe(true);
  });

  it('signs in with Cognito’s managed login: a public client, code flow only, back to the app', () => {
    api.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    api.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', { UseCognitoProvidedValues: true });
    const clients = Object.values(api.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    const webClient = clients.find((client) => client.Properties.AllowedOAuthFlows !== undefined)!.Properties;
    expect(webClient).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email', 'profile']),
      SupportedIdentityProviders: ['COGNITO'],
    });
    // https://<the distribution's domain>/anmeldung and …/abgemeldet, nothing else.
    const appUrl = (path: string) => [
      {
        'Fn::Join': [
          '',
          ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^WebDistribution/), 'DomainName'] }, path],
        ],
      },
    ];
    expect(webClient.CallbackURLs).toEqual(appUrl(SIGN_IN_CALLBACK_PATH));
    expect(webClient.LogoutURLs).toEqual(appUrl(SIGNED_OUT_PATH));
    // The JWT authorizer takes the ID tokens of the script client and of the web client.
    const authorizer = onlyResource(api, 'AWS::ApiGatewayV2::Authorizer').Properties as {
      JwtConfiguration: { Audience: unknown[] };
    };
    expect(authorizer.JwtConfiguration.Audience).toHaveLength(2);
  });

  it('deploys the built app and its config.json, and invalidates only what is not content-hashed', () => {
    const deployments = Object.values(web.findResources('Custom::CDKBucketDeployment')) as Resource[];
    expect(deployments).toHaveLength(2);
    const pages = deployments.find((deployment) => deployment.Properties.DistributionPaths)!.Properties;
    expect(pages.DistributionPaths).toEqual(['/index.html', '/config.json']);
    // config.json names the user pool (issuer), the web client and the sign-in domain.
    const markers = text(pages.SourceMarkers);
    for (const value of [
      'ExportsOutputRefUserPool',
      'ExportsOutputRefWebClient',
      'ExportsOutputRefWebSignInDomain',
    ]) {
      expect(markers).toContain(value);
    }
    for (const deployment of deployments) expect(deployment.Properties.Prune).toBe(false);
  });

  it('lets the app upload documents from its own origin only (CORS on the documents bucket, no wildcard)', () => {
    const cors = Object.values(web.findResources('Custom::AWS')) as Resource[];
    expect(cors).toHaveLength(1);
    const call = text(cors[0]!.Properties.Create);
    expect(call).toContain('putBucketCors');
    expect(call).toMatch(
      /AllowedOrigins\\":\[\\"https:\/\/",\{"Fn::ImportValue":"FoerdertrackerApi:ExportsOutputFnGetAttWebDistribution\w+DomainName\w+"\},"\\"\]/,
    );
    expect(call).toContain('\\"AllowedMethods\\":[\\"PUT\\"]');
    expect(call).not.toContain('\\"*\\"');
  });
});
