import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutgoingMail } from './message.ts';
import type { MailTransport, SentMail } from './transport.ts';

const safe = (text: string) => text.replaceAll(/[^A-Za-z0-9@._+-]/g, '_');

/**
 * Local stand-in for SES: each message becomes `<timestamp>-<recipient>.eml` in a folder,
 * an RFC 5322 file any mail program opens. The run logs where each one went.
 */
export class OutboxTransport implements MailTransport {
  constructor(
    private readonly directory: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(mail: OutgoingMail): Promise<SentMail> {
    await mkdir(this.directory, { recursive: true });
    const timestamp = this.clock().toISOString().replaceAll(/[-:.]/g, '');
    const base = `${timestamp}-${safe(mail.to)}`;
    for (let copy = 1; ; copy++) {
      const location = join(this.directory, copy === 1 ? `${base}.eml` : `${base}-${copy}.eml`);
      try {
        await writeFile(location, mail.raw, { flag: 'wx' });
        return { messageId: mail.messageId, location };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
  }
}
