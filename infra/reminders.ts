import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../shared/config/environment-keys.ts';
import { DAILY_REMINDER_TIME } from '../shared/reminders/daily-schedule.ts';
import { nodeFunction } from './node-function.ts';

/** Who the reminder mail comes from and who else gets it. */
export interface MailOptions {
  /** Sender address; it (or its domain) must be a verified SES identity. */
  readonly from: string;
  /** SES identities the functions may send as: the address and its domain by default. */
  readonly identities?: readonly string[];
  /** Copy of every funding deadline's reminder, e.g. the Fördermittel team mailbox. */
  readonly financeMailbox?: string;
}

export interface RemindersProps {
  readonly table: ITable;
  readonly publicBaseUrl: string;
  readonly mail: MailOptions;
  /** Subscribed by e-mail to the alarm topic, if given. */
  readonly alarmEmail?: string;
}

/** The SES identity ARNs for the sender: exactly these, never `*`. */
export function sesIdentityArns(scope: Construct, mail: MailOptions): string[] {
  const domain = mail.from.split('@')[1];
  const identities = mail.identities ?? [mail.from, ...(domain ? [domain] : [])];
  const stack = Stack.of(scope);
  return identities.map((identity) =>
    stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
  );
}

/** Lets a role send mail as the configured identities only. */
export function grantSendMail(scope: Construct, role: IRole, mail: MailOptions): void {
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: sesIdentityArns(scope, mail),
    }),
  );
}

/** The mail settings both Lambdas read (shared/config). */
export function mailEnvironment(mail: MailOptions): Record<string, string> {
  return {
    [ENV.mailTransport]: 'ses',
    [ENV.mailFrom]: mail.from,
    ...(mail.financeMailbox ? { [ENV.financeMailbox]: mail.financeMailbox } : {}),
  };
}

/**
 * The daily reminder job: a Lambda that EventBridge Scheduler invokes at 06:00 Europe/Berlin
 * (Scheduler keeps the wall-clock time across daylight-saving changes). Failures are retried
 * and then parked in a dead-letter queue; the queue's depth and the function's errors raise
 * alarms on an SNS topic.
 *
 * Two retry layers, one queue: Scheduler retries invoking the function (throttled, not
 * delivered) and Lambda retries a run that threw; whatever gives up lands in the same DLQ.
 * Retried runs are safe because every reminder is claimed before it is sent.
 */
export class Reminders extends Construct {
  readonly function: NodejsFunction;
  readonly deadLetterQueue: Queue;
  readonly schedule: CfnSchedule;
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: RemindersProps) {
    super(scope, id);

    const { fn, role } = nodeFunction(this, 'Function', {
      entry: fileURLToPath(new URL('../functions/reminders/handler.ts', import.meta.url)),
      description: 'Fördertracker reminder job: reads open deadlines, claims and sends reminders',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      environment: {
        [ENV.tableName]: props.table.tableName,
        [ENV.logLevel]: 'INFO',
        [ENV.publicBaseUrl]: props.publicBaseUrl,
        ...mailEnvironment(props.mail),
      },
    });
    this.function = fn;

    // Least privilege: it reads deadlines and claims (Get, BatchGet), queries only the sparse
    // due-month index, and writes nothing but its own REMINDER# items.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem'],
        resources: [props.table.tableArn],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [`${props.table.tableArn}/index/gsi3`],
      }),
    );
    role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REMINDER#*'] } },
      }),
    );
    grantSendMail(this, role, props.mail);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetterQueue).acknowledge(
      {
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is the dead-letter queue of the reminder schedule and function; it has none of its own.',
      },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason:
          'This queue is the dead-letter queue of the reminder schedule and function; it has none of its own.',
      },
    );

    fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(1),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });
    Validations.of(fn).acknowledge(
      {
        id: 'Serverless-LambdaDLQ',
        reason:
          'Failed asynchronous invocations go to the dead-letter queue through an on-failure destination, which ' +
          'records the error and the request as well; a second, classic DLQ would only duplicate them.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'No X-Ray: a run is one Lambda invocation whose steps and outcome are in its JSON log and the delivery ' +
          'log; tracing would need xray:PutTraceSegments on "*".',
      },
    );

    // The L1 schedule with a role of our own: the L2 Lambda target grants `<function>:*` (all
    // versions), while this role may invoke exactly the function and write to exactly the DLQ.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: 'EventBridge Scheduler: invoke the Fördertracker reminder function',
    });
    scheduleRole.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
    this.deadLetterQueue.grantSendMessages(scheduleRole);
    this.schedule = new CfnSchedule(this, 'Daily', {
      description: 'Fördertracker reminders, daily at 06:00 Europe/Berlin',
      scheduleExpression: `cron(${DAILY_REMINDER_TIME.minute} ${DAILY_REMINDER_TIME.hour} * * ? *)`,
      // Scheduler keeps the wall-clock time in this zone across daylight-saving changes.
      scheduleExpressionTimezone: DAILY_REMINDER_TIME.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: fn.functionArn,
        roleArn: scheduleRole.roleArn,
        // The scheduled time, not the time of a retry, decides the day the run is for.
        input: JSON.stringify({
          scheduledTime: '<aws.scheduler.scheduled-time>',
          executionId: '<aws.scheduler.execution-id>',
          attemptNumber: '<aws.scheduler.attempt-number>',
          scheduleArn: '<aws.scheduler.schedule-arn>',
        }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 60 * 60 },
        deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
      },
    });

    // CloudWatch can publish only to topics whose key policy lets it: the AWS-managed SNS key
    // does not, so the topic has a key of its own.
    const topicKey = new Key(this, 'AlarmTopicKey', {
      description: 'Fördertracker reminder alarms topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new Topic(this, 'AlarmTopic', {
      displayName: 'Fördertracker reminder alarms',
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (props.alarmEmail) {
      const subscription = new EmailSubscription(props.alarmEmail);
      this.alarmTopic.addSubscription(subscription);
      Validations.of(this.alarmTopic).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'An e-mail subscription for alarm notifications: SNS retries e-mail delivery itself, and the alarm ' +
          'state stays visible in CloudWatch. A queue for undeliverable alarm mails would need an alarm of its own.',
      });
    }

    const alarms = [
      new Alarm(this, 'DeadLetterAlarm', {
        alarmDescription: 'A reminder run was given up and parked in the dead-letter queue',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, 'ErrorsAlarm', {
        alarmDescription: 'The reminder function failed (it is retried; see its log)',
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of alarms) alarm.addAlarmAction(new SnsAction(this.alarmTopic));

    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
  }
}
