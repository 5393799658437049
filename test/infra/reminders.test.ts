import { Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiStack } from '../../infra/api-stack.ts';
import { ENV } from '../../shared/config/environment-keys.ts';
import {
  environmentOf,
  onlyResource,
  policyStatements,
  type Resource,
  removeSynthesized,
  resourceOf,
  resourcesOf,
  roleStatementsOf,
  synthesizedTemplates,
  withAction,
} from './synth.ts';

let stack: ApiStack;
let template: Template;

beforeAll(() => {
  ({ apiStack: stack, api: template } = synthesizedTemplates({
    mail: { from: 'fristen@erfurt.example', financeMailbox: 'foerdermittel@erfurt.example' },
    alarmEmail: 'it-betrieb@erfurt.example',
  }));
});

afterAll(removeSynthesized);

const reminderFunction = () => resourceOf(stack, template, stack.reminders.function);
const reminderStatements = () => roleStatementsOf(template, reminderFunction());
const logicalIdOf = (resource: Resource) =>
  Object.entries(template.toJSON().Resources).find(([, candidate]) => candidate === resource)?.[0];

describe('the reminder Lambda', () => {
  it('runs the bundled reminder handler on Node.js 22, arm64, with five minutes to finish', () => {
    const fn = reminderFunction().Properties;

    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Timeout).toBe(300);
    expect(fn.Handler).toBe('index.handler');
  });

  it('is configured through the shared environment names: SES, the sender, the finance mailbox', () => {
    const variables = environmentOf(reminderFunction());

    expect(Object.keys(variables).sort()).toEqual(
      [
        ENV.tableName,
        ENV.logLevel,
        ENV.publicBaseUrl,
        ENV.mailTransport,
        ENV.mailFrom,
        ENV.financeMailbox,
      ].sort(),
    );
    expect(variables).toMatchObject({
      [ENV.mailTransport]: 'ses',
      [ENV.mailFrom]: 'fristen@erfurt.example',
      [ENV.financeMailbox]: 'foerdermittel@erfurt.example',
    });
    expect(variables[ENV.cursorSecret]).toBeUndefined();
  });

  it('may send mail only as the sender address and its domain', () => {
    const [ses, ...more] = withAction(reminderStatements(), 'ses:');

    expect(more).toEqual([]);
    expect([ses?.Action].flat().sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    const resources = [ses?.Resource].flat().map((resource) => JSON.stringify(resource));
    expect(resources).toHaveLength(2);
    expect(resources[0]).toMatch(/:identity\/fristen@erfurt\.example"/);
    expect(resources[1]).toMatch(/:identity\/erfurt\.example"/);
  });

  it('reads the table, queries only the sparse due-month index and writes only REMINDER# items', () => {
    const dynamodb = withAction(reminderStatements(), 'dynamodb:');
    const byActions = new Map(
      dynamodb.map((statement) => [[statement.Action].flat().sort().join(','), statement]),
    );

    expect([...byActions.keys()].sort()).toEqual([
      'dynamodb:BatchGetItem,dynamodb:GetItem',
      'dynamodb:PutItem,dynamodb:UpdateItem',
      'dynamodb:Query',
    ]);
    expect(JSON.stringify(byActions.get('dynamodb:Query')?.Resource)).toMatch(/\/index\/gsi3"/);
    expect(byActions.get('dynamodb:PutItem,dynamodb:UpdateItem')?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['REMINDER#*'] },
    });
  });

  it('retries a failed run twice within an hour, then parks it in the dead-letter queue', () => {
    const config = onlyResource(template, 'AWS::Lambda::EventInvokeConfig').Properties;

    expect(config).toMatchObject({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
    expect(JSON.stringify(config.DestinationConfig)).toContain(
      logicalIdOf(onlyResource(template, 'AWS::SQS::Queue')) ?? 'no queue',
    );
  });
});

describe('the daily schedule', () => {
  it('invokes the reminder Lambda at 06:00 Europe/Berlin, exactly on time', () => {
    const schedule = onlyResource(template, 'AWS::Scheduler::Schedule').Properties;

    expect(schedule).toMatchObject({
      ScheduleExpression: 'cron(0 6 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
    expect(JSON.stringify((schedule.Target as { Arn: unknown }).Arn)).toContain(
      stack.getLogicalId(stack.reminders.function.node.defaultChild as never),
    );
  });

  it('passes the scheduled time, so a retry runs for the day it was scheduled for', () => {
    const target = onlyResource(template, 'AWS::Scheduler::Schedule').Properties.Target as { Input: string };

    expect(JSON.parse(target.Input)).toEqual({
      scheduledTime: '<aws.scheduler.scheduled-time>',
      executionId: '<aws.scheduler.execution-id>',
      attemptNumber: '<aws.scheduler.attempt-number>',
      scheduleArn: '<aws.scheduler.schedule-arn>',
    });
  });

  it('retries delivery three times within an hour, then sends it to the dead-letter queue', () => {
    const target = onlyResource(template, 'AWS::Scheduler::Schedule').Properties.Target as Record<
      string,
      unknown
    >;

    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 });
    expect(JSON.stringify(target.DeadLetterConfig)).toContain(
      logicalIdOf(onlyResource(template, 'AWS::SQS::Queue')) ?? 'no queue',
    );
  });

  it('assumes a role that may invoke exactly the reminder function and write exactly to the DLQ', () => {
    const target = onlyResource(template, 'AWS::Scheduler::Schedule').Properties.Target as {
      RoleArn: { 'Fn::GetAtt': [string, string] };
    };
    const statements = policyStatements(template, target.RoleArn['Fn::GetAtt'][0]);

    expect(statements.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      'lambda:InvokeFunction',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:SendMessage',
    ]);
    for (const statement of statements) expect(JSON.stringify(statement.Resource)).not.toContain('*');
  });
});

describe('the dead-letter queue and the alarms', () => {
  it('encrypts the dead-letter queue, refuses plain HTTP to it and keeps messages 14 days', () => {
    const queue = onlyResource(template, 'AWS::SQS::Queue').Properties;

    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('alarms on any message in the dead-letter queue and on any function error, through the alarm topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    const byMetric = new Map(alarms.map((alarm) => [String(alarm.Properties.MetricName), alarm.Properties]));

    expect([...byMetric.keys()].sort()).toEqual(['ApproximateNumberOfMessagesVisible', 'Errors']);
    for (const alarm of byMetric.values()) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        EvaluationPeriods: 1,
      });
      expect(JSON.stringify(alarm.AlarmActions)).toContain(
        logicalIdOf(onlyResource(template, 'AWS::SNS::Topic')) ?? 'no topic',
      );
    }
    expect(byMetric.get('Errors')?.Namespace).toBe('AWS/Lambda');
    expect(byMetric.get('ApproximateNumberOfMessagesVisible')?.Namespace).toBe('AWS/SQS');
  });

  it('encrypts the alarm topic with a rotated key CloudWatch may use, and mails the subscriber', () => {
    const topic = onlyResource(template, 'AWS::SNS::Topic').Properties;
    const key = onlyResource(template, 'AWS::KMS::Key').Properties;

    expect(JSON.stringify(topic.KmsMasterKeyId)).toContain(
      logicalIdOf(onlyResource(template, 'AWS::KMS::Key')),
    );
    expect(key.EnableKeyRotation).toBe(true);
    expect(JSON.stringify(key.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'it-betrieb@erfurt.example',
    });
  });
});
