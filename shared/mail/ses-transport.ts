import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutgoingMail } from './message.ts';
import type { MailTransport, SentMail } from './transport.ts';

/** Sends the finished MIME message through SES (API v2, raw content), so SES does not rewrite it. */
export class SesTransport implements MailTransport {
  constructor(private readonly client: SESv2Client) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        Content: { Raw: { Data: mail.raw } },
      }),
    );
    return { messageId: result.MessageId ?? mail.messageId };
  }
}
