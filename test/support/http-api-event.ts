import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';

export interface HttpApiEventInput {
  method: string;
  /** Path with an optional query string, e.g. `/v1/programs?limit=5`. */
  path: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON with `content-type: application/json`. */
  body?: unknown;
  /**
   * Claims of a token the JWT authorizer accepted. Arrays are rendered the way API Gateway
   * passes them to Lambda: `['admin', 'finance']` becomes the string `"[admin finance]"`.
   * Without claims the event looks like a request on an open route (no authorizer block).
   */
  claims?: Record<string, string | string[]>;
  /** Defaults to the route key the deployed HTTP API would match for `path`. */
  routeKey?: string;
}

const API_ID = 'a1b2c3d4e5';
const REGION = 'eu-central-1';
const DOMAIN = `${API_ID}.execute-api.${REGION}.amazonaws.com`;

/** The route keys of the deployed API (infra/api-stack.ts), matched the way API Gateway does. */
function routeKeyFor(method: string, path: string): string {
  if (path.startsWith('/v1/')) return 'ANY /v1/{proxy+}';
  if (path.startsWith('/docs/')) return 'GET /docs/{proxy+}';
  return `${method} ${path}`;
}

function proxyParameter(routeKey: string, path: string): Record<string, string> | undefined {
  const prefix = routeKey.match(/^\S+ (\/.*)\{proxy\+\}$/)?.[1];
  return prefix && path.startsWith(prefix) ? { proxy: path.slice(prefix.length) } : undefined;
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    // API Gateway joins repeated parameters with commas.
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

function apiGatewayClaims(claims: Record<string, string | string[]>): Record<string, string> {
  const now = Math.floor(Date.now() / 1000);
  const defaults: Record<string, string> = {
    iss: `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_TestPool`,
    aud: 'test-client-id',
    token_use: 'id',
    auth_time: String(now),
    iat: String(now),
    exp: String(now + 3600),
  };
  const rendered = Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value) ? `[${value.join(' ')}]` : value,
    ]),
  );
  return { ...defaults, ...rendered };
}

/** An API Gateway HTTP API (payload format 2.0) event as the Lambda integration receives it. */
export function httpApiEvent(input: HttpApiEventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const method = input.method.toUpperCase();
  const [rawPath = '/', rawQueryString = ''] = input.path.split('?', 2);
  const routeKey = input.routeKey ?? routeKeyFor(method, rawPath);
  const body =
    input.body === undefined
      ? undefined
      : typeof input.body === 'string'
        ? input.body
        : JSON.stringify(input.body);
  const now = new Date();
  const userAgent = 'vitest';
  const sourceIp = '203.0.113.10';

  const headers: Record<string, string> = {
    accept: '*/*',
    host: DOMAIN,
    'user-agent': userAgent,
    'x-amzn-trace-id': `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    'x-forwarded-for': sourceIp,
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
    ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    ...(body !== undefined && typeof input.body !== 'string' ? { 'content-type': 'application/json' } : {}),
    ...(input.claims ? { authorization: 'Bearer test.jwt.token' } : {}),
  };
  for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;

  const requestContext = {
    accountId: '123456789012',
    apiId: API_ID,
    domainName: DOMAIN,
    domainPrefix: API_ID,
    http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent },
    requestId: randomUUID(),
    routeKey,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
    ...(input.claims
      ? { authorizer: { jwt: { claims: apiGatewayClaims(input.claims), scopes: null } } }
      : {}),
  };

  const queryStringParameters = queryParameters(rawQueryString);
  const pathParameters = proxyParameter(routeKey, rawPath);
  // Open routes carry no `authorizer`; the JWT event type insists on one, as API Gateway does not.
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext,
    ...(body !== undefined ? { body } : {}),
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2WithJWTAuthorizer;
}

/** A Lambda context with the fields handlers and Powertools read. */
export function lambdaContext(overrides: Partial<Context> = {}): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'FoerdertrackerApi-ApiFunction',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:123456789012:function:FoerdertrackerApi-ApiFunction`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/FoerdertrackerApi-ApiFunction',
    logStreamName: '2025/01/01/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}
