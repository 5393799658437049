import { LocalRuntimeError } from './local/dynamodb-local.ts';
import { startLocalService } from './local/local-service.ts';
import { readLocalSettings } from './local/settings.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

try {
  const settings = readLocalSettings();
  const service = await startLocalService(settings);
  const tokenCommand = (role: string) => `npm run -s token -- ${role}`;
  const next = service.reminders.nextRuns(1)[0];
  const nextReminderRun = next
    ? new Intl.DateTimeFormat('de-DE', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(next)
    : 'none';
  console.log(
    [
      '',
      `Fördertracker is running at ${service.url}`,
      `  Web app:   ${service.url} (sign in as ${service.oidc.accounts
        .list()
        .map((account) => account.name)
        .join(', ')})`,
      `  Sign-in:   ${service.oidcIssuer} (local OpenID provider: no passwords, reachable from this machine only)`,
      `  API docs:  ${service.url}/docs`,
      `  OpenAPI:   ${service.url}/openapi.json`,
      `  Data:      ${settings.dataDir} (DynamoDB at ${service.dynamodbEndpoint}, documents at ${service.s3Endpoint})`,
      `  Mail:      ${service.outboxDir} (reminder digests as .eml files)`,
      `  Reminders: daily at 06:00 Europe/Berlin, next run ${nextReminderRun}`,
      '',
      'Get a bearer token for a role (finance, coordinator, viewer, admin), e.g.:',
      `  TOKEN=$(${tokenCommand('admin')})`,
      `  curl -H "Authorization: Bearer $TOKEN" ${service.url}/v1/programs`,
      '',
      'Ctrl-C stops the service and the database.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error: unknown) {
  const message = error instanceof LocalRuntimeError ? error.message : `Could not start: ${String(error)}`;
  console.error(message);
  process.exit(1);
}
