import { randomUUID } from 'node:crypto';

export interface Mailbox {
  address: string;
  name?: string | undefined;
}

export interface ComposedMail {
  from: Mailbox;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  date: Date;
}

/** An RFC 5322 message, built once and handed to any transport as raw bytes. */
export interface OutgoingMail {
  from: string;
  to: string;
  /** Value of the Message-ID header, angle brackets included. */
  messageId: string;
  raw: Buffer;
}

/**
 * Builds the MIME message (multipart/alternative: plain text and HTML, UTF-8,
 * RFC 2047-encoded headers, CRLF line ends) with nodemailer's MailComposer, which
 * gets the encodings right that a hand-written message would get wrong. Loaded on first use,
 * so that the API's cold start does not pay for a module only the reminder job needs.
 */
export async function composeMail(mail: ComposedMail): Promise<OutgoingMail> {
  const { default: MailComposer } = await import('nodemailer/lib/mail-composer');
  const domain = mail.from.address.split('@')[1] ?? 'foerdertracker';
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date,
    newline: 'win',
    headers: {
      // Automatic mail: out-of-office replies and other auto-responders stay quiet (RFC 3834).
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    },
  });
  const node = composer.compile();
  const messageId = `<${randomUUID()}@${domain}>`;
  node.setHeader('Message-ID', messageId);
  return { from: mail.from.address, to: mail.to.address, messageId, raw: await node.build() };
}
