import type { OutgoingMail } from './message.ts';

export interface SentMail {
  /** The provider's id for the message (SES MessageId), or the Message-ID header. */
  messageId: string;
  /** Where a local copy went, if anywhere (the outbox file). */
  location?: string | undefined;
}

/** Sends one finished message. Throws when it was not accepted; the caller decides about retries. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
}
