import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

export interface OutboxMail {
  file: string;
  mail: ParsedMail;
  to: string;
  /** The digest's reminder lines ("- Verwendungsnachweis: …"), one per reminder. */
  reminders: string[];
}

/** Every `.eml` in the outbox, parsed back with mailparser, oldest first. */
export async function readOutbox(directory: string): Promise<OutboxMail[]> {
  let files: string[];
  try {
    files = (await readdir(directory)).filter((file) => file.endsWith('.eml')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return Promise.all(
    files.map(async (file) => {
      const mail = await simpleParser(await readFile(join(directory, file)));
      const to = [mail.to ?? []]
        .flat()
        .flatMap((address) => address.value.map((entry) => entry.address ?? ''));
      return {
        file,
        mail,
        to: to.join(','),
        reminders: (mail.text ?? '').split('\n').filter((line) => line.startsWith('- ')),
      };
    }),
  );
}

/** Remembers outbox folders so a test file can remove them in `afterAll`. */
export function outboxes() {
  const directories: string[] = [];
  return {
    track<T extends { outboxDir: string }>(owner: T): T {
      directories.push(owner.outboxDir);
      return owner;
    },
    removeAll: () =>
      Promise.all(directories.splice(0).map((directory) => rm(directory, { recursive: true, force: true }))),
  };
}
