import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ulid } from 'ulid';
import { ROLES, type Role } from '../../../shared/domain/roles.ts';

/** A person who can sign in locally: no password, the local sign-in page lists them all. */
export interface LocalAccount {
  /** The `sub` claim: stable across restarts. */
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

/** The people of the handbook's web.md, created on first start. */
export const SEED_ACCOUNTS: readonly Omit<LocalAccount, 'id'>[] = [
  { name: 'Kim Koordination', email: 'kim.koordination@erfurt.example', roles: ['coordinator'] },
  { name: 'Anna Finanz', email: 'anna.finanz@erfurt.example', roles: ['finance'] },
  { name: 'Lea Leitung', email: 'leitung@erfurt.example', roles: ['viewer'] },
  { name: 'Admin', email: 'admin@erfurt.example', roles: ['admin'] },
];

export interface AccountInput {
  name: string;
  email: string;
  roles: string[];
}

/** Field-level refusals, in German: the local sign-in page shows them next to the fields. */
export type AccountProblems = Partial<Record<keyof AccountInput, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * Local accounts in `DATA_DIR/accounts.json`. Reads are served from memory; every change is
 * written whole to a temporary file and renamed over the old one, so a crash leaves either
 * the old or the new list, never half of one.
 */
export class AccountStore {
  private constructor(
    private readonly file: string,
    private accounts: LocalAccount[],
  ) {}

  static async open(dataDir: string): Promise<AccountStore> {
    const file = join(dataDir, 'accounts.json');
    try {
      return new AccountStore(file, JSON.parse(await readFile(file, 'utf8')) as LocalAccount[]);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const store = new AccountStore(
      file,
      SEED_ACCOUNTS.map((account) => ({ ...account, id: ulid() })),
    );
    await store.save();
    return store;
  }

  list(): readonly LocalAccount[] {
    return this.accounts;
  }

  find(id: string): LocalAccount | undefined {
    return this.accounts.find((account) => account.id === id);
  }

  /** Checks and adds an account; returns the refusals instead when the input is not valid. */
  async add(input: AccountInput): Promise<LocalAccount | AccountProblems> {
    const name = input.name.trim();
    const email = input.email.trim().toLowerCase();
    const roles = [...new Set(input.roles)];
    const problems: AccountProblems = {};
    if (name.length === 0) problems.name = 'Bitte geben Sie einen Namen ein.';
    else if (name.length > 100) problems.name = 'Der Name darf höchstens 100 Zeichen lang sein.';
    if (!EMAIL.test(email)) problems.email = 'Bitte geben Sie eine gültige E-Mail-Adresse ein.';
    else if (this.accounts.some((account) => account.email === email)) {
      problems.email = 'Für diese E-Mail-Adresse gibt es schon ein Konto.';
    }
    if (roles.length === 0 || !roles.every(isRole))
      problems.roles = 'Bitte wählen Sie mindestens eine Rolle.';
    if (Object.keys(problems).length > 0) return problems;
    const account: LocalAccount = { id: ulid(), name, email, roles: roles.filter(isRole) };
    this.accounts = [...this.accounts, account];
    await this.save();
    return account;
  }

  private async save(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(this.accounts, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
