import type { MailSettings } from '../config/config.ts';
import { OutboxTransport } from './outbox-transport.ts';
import type { MailTransport } from './transport.ts';

/**
 * The transport the settings ask for. SES is loaded on first use: the API Lambda sends mail
 * only when an admin runs the job by hand, so its cold start should not pay for the client.
 *
 * The SES client makes one attempt per message. An SDK retry after a timeout could send a
 * message SES had already accepted; a failure is instead recorded, and the next run retries.
 */
export function createMailTransport(settings: MailSettings): MailTransport {
  if (settings.transport === 'outbox') return new OutboxTransport(settings.outboxDir);
  let ses: Promise<MailTransport> | undefined;
  return {
    send: async (mail) => {
      ses ??= Promise.all([import('@aws-sdk/client-sesv2'), import('./ses-transport.ts')]).then(
        ([{ SESv2Client }, { SesTransport }]) => new SesTransport(new SESv2Client({ maxAttempts: 1 })),
      );
      return (await ses).send(mail);
    },
  };
}
