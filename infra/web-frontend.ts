import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  CfnManagedLoginBranding,
  type IUserPool,
  ManagedLoginVersion,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  contentSecurityPolicy,
  SIGN_IN_CALLBACK_PATH,
  SIGNED_OUT_PATH,
  WEB_TOKEN_LIFETIMES,
  type WebRuntimeConfig,
} from '../web/serving.ts';

export interface WebFrontendProps {
  userPool: IUserPool;
  /** The HTTP API; CloudFront sends `/v1/*` to it, so the app calls the API on its own origin. */
  api: HttpApi;
  /** Where presigned uploads go: the app's Content-Security-Policy must allow it. */
  documentsBucket: IBucket;
  /** Prefix of the Cognito managed-login domain; unique per region. */
  signInDomainPrefix: string;
}

/**
 * Rewrites the app's routes (`/aufgaben/01J…`: no file extension) to index.html, on the app's
 * behaviour only. A distribution-wide 403/404 → index.html rule would also swallow the API's
 * own 403 and 404 answers.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.split('/').pop();
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The web app in AWS: its files in a private bucket that only CloudFront can read (origin access
 * control), one HTTPS origin for the app and the API (`/v1/*` goes to the HTTP API, so the app
 * needs no CORS at all), a strict Content-Security-Policy, and Cognito's managed login with a
 * public app client for Authorization Code + PKCE.
 */
export class WebFrontend extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The app's public address (HTTPS on the distribution's domain). */
  readonly url: string;
  readonly client: UserPoolClient;
  readonly signInDomain: UserPoolDomain;
  /** What the app reads from /config.json in AWS (deployed next to it by the web content stack). */
  readonly runtimeConfig: WebRuntimeConfig;

  constructor(scope: Construct, id: string, props: WebFrontendProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Build output only: a redeploy writes it again, nothing is lost with the bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the built web app (public code, no personal data) and is read only by ' +
        'CloudFront through origin access control; the calls that touch data are logged by the HTTP API access log.',
    });

    this.signInDomain = new UserPoolDomain(this, 'SignInDomain', {
      userPool: props.userPool,
      cognitoDomain: { domainPrefix: props.signInDomainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const cognitoIssuer = `https://cognito-idp.${region}.amazonaws.com/${props.userPool.userPoolId}`;

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Fördertracker web app: strict CSP, HSTS, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy([
            this.signInDomain.baseUrl(),
            `https://cognito-idp.${region}.amazonaws.com`,
            `https://${props.documentsBucket.bucketRegionalDomainName}`,
          ]),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const apiOrigin = new HttpOrigin(`${props.api.apiId}.execute-api.${region}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Fördertracker web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'SpaFallback', {
              comment: 'Serves index.html for the app routes',
              runtime: FunctionRuntime.JS_2_0,
              code: FunctionCode.fromInline(SPA_FALLBACK),
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: apiOrigin,
          // No redirect for the API: a POST must not silently turn into a GET.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Every header but Host (API Gateway answers only to its own), Authorization included.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
        // Calendar feeds live on the same public address as the app whose pages their entries link to.
        '/calendar/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          // Uncached: revoking a feed's token must stop it at once.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: city staff sign in from wherever they work; Cognito guards every account.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF web ACL for now: the API has stage throttling and the Cognito authorizer, and sign-in runs on ' +
          'Cognito with Plus-tier threat protection. A web ACL is the city IT security officer’s call (cost per month).',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'No CloudFront access log: the app’s files are public build output; every request that reads or writes ' +
          'data goes through the HTTP API, whose access log names route, status and the caller’s sub.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate fixes the minimum TLS version; with the city’s own domain and ' +
          'an ACM certificate, set minimumProtocolVersion TLS_V1_2_2021.',
      },
    );

    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'foerdertracker-web',
      // A public client: the app runs in the browser and can keep no secret; PKCE protects the code.
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${this.url}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${this.url}${SIGNED_OUT_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.seconds(WEB_TOKEN_LIFETIMES.idTokenSeconds),
      accessTokenValidity: Duration.seconds(WEB_TOKEN_LIFETIMES.idTokenSeconds),
      refreshTokenValidity: Duration.seconds(WEB_TOKEN_LIFETIMES.refreshTokenSeconds),
    });
    // Managed login shows Cognito's own look until the city brands it in the console.
    new CfnManagedLoginBranding(this, 'SignInBranding', {
      userPoolId: props.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    this.runtimeConfig = {
      authority: cognitoIssuer,
      clientId: this.client.userPoolClientId,
      cognitoLogoutUrl: `${this.signInDomain.baseUrl()}/logout`,
      signInParameters: { lang: 'de' },
    };
  }
}
