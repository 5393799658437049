import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface LocalSecrets {
  jwtSecret: string;
  cursorSecret: string;
}

/**
 * Reads a file of secrets from the data folder, or makes it on first use (mode 0600, never
 * committed). A later start reuses it so that what was issued with it stays valid; when two
 * processes race to make it, the one that wrote first wins and the other reads its file.
 */
export async function readOrCreateSecretFile<T>(file: string, make: () => T | Promise<T>): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(file), { recursive: true });
  const made = await make();
  try {
    await writeFile(file, JSON.stringify(made, null, 2), { mode: 0o600, flag: 'wx' });
    return made;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateSecretFile(file, make);
    throw error;
  }
}

/** The local JWT and cursor secrets, in `DATA_DIR/secrets.json`. */
export function ensureLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  return readOrCreateSecretFile(join(dataDir, 'secrets.json'), () => ({
    jwtSecret: randomBytes(32).toString('base64url'),
    cursorSecret: randomBytes(32).toString('base64url'),
  }));
}

export async function readLocalSecrets(dataDir: string): Promise<LocalSecrets | undefined> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as LocalSecrets;
  } catch {
    return undefined;
  }
}
