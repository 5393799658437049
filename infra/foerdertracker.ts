import { Annotations, type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ApiStack } from './api-stack.ts';
import { DataStack } from './data-stack.ts';
import type { MailOptions } from './reminders.ts';
import { WebContentStack } from './web-content-stack.ts';

export interface FoerdertrackerOptions {
  /** Public URL of the API, e.g. a custom domain in front of the HTTP API. */
  readonly publicBaseUrl?: string;
  /** Sender of reminder mail (a verified SES identity) and who else gets it. */
  readonly mail?: MailOptions;
  /** Subscribed to the reminder alarms, if given. */
  readonly alarmEmail?: string;
  /** Prefix of the Cognito managed-login domain; default `foerdertracker-<account>`. */
  readonly signInDomainPrefix?: string;
  /** The city in the web app's header and on its printed status report; default "Stadt Erfurt". */
  readonly cityName?: string;
}

/**
 * Without `-c mailFrom=…` the stacks still synthesize, with a sender SES will refuse: the
 * delivery log then shows every reminder as failed until a verified sender is configured.
 */
export const PLACEHOLDER_MAIL: MailOptions = { from: 'fristen@foerdertracker.invalid' };

/**
 * Adds both stacks and the cdk-nag rule packs to an app. Shared by the CDK entry point and
 * the tests, so the tests check exactly what `cdk synth` produces. The stacks are
 * environment-agnostic: synth needs no AWS credentials and makes no lookups.
 */
export function addFoerdertracker(app: App, options: FoerdertrackerOptions = {}) {
  // Strong (Fn::ImportValue) references, chosen explicitly: CloudFormation then refuses to
  // remove an export of the data stack while the API stack still uses it.
  app.node.setContext('@aws-cdk/core:defaultCrossStackReferences', 'strong');
  // Any finding that is not acknowledged with a reason makes synth fail.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));

  const data = new DataStack(app, 'FoerdertrackerData', {
    description:
      'Fördertracker stateful resources: single DynamoDB table, Cognito user pool, documents bucket',
    terminationProtection: true,
  });
  const api = new ApiStack(app, 'FoerdertrackerApi', {
    description: 'Fördertracker stateless API: Lambdas, HTTP API, JWT authorizer, daily reminder schedule',
    table: data.table,
    userPool: data.userPool,
    documentsBucket: data.documentsBucket,
    mail: options.mail ?? PLACEHOLDER_MAIL,
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
    ...(options.alarmEmail ? { alarmEmail: options.alarmEmail } : {}),
    ...(options.signInDomainPrefix ? { signInDomainPrefix: options.signInDomainPrefix } : {}),
  });
  const web = new WebContentStack(app, 'FoerdertrackerWeb', {
    description: 'Fördertracker web app files and the documents bucket CORS rule for its uploads',
    webBucket: api.web.bucket,
    distribution: api.web.distribution,
    runtimeConfig: { ...api.web.runtimeConfig, ...(options.cityName ? { cityName: options.cityName } : {}) },
    documentsBucket: data.documentsBucket,
  });
  if (!options.mail) {
    Annotations.of(api).addWarningV2(
      'foerdertracker:mail-from',
      `No sender configured: reminders go out as ${PLACEHOLDER_MAIL.from}, which SES refuses. Deploy with -c mailFrom=<verified address>.`,
    );
  }
  return { data, api, web };
}
