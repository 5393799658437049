import { signLocalToken } from '../shared/auth/local-jwt.ts';
import { ROLES } from '../shared/domain/roles.ts';
import { ensureLocalSecrets } from './local/secrets.ts';
import { readLocalSettings } from './local/settings.ts';

/**
 * Prints a local bearer token, alone on stdout: `npm run -s token -- <role> [email]`.
 * Roles may be combined with commas (`finance,admin`).
 */
const [roleArgument, emailArgument] = process.argv.slice(2);
const roles = (roleArgument ?? '').split(',').filter(Boolean);
if (roles.length === 0 || roles.some((role) => !(ROLES as readonly string[]).includes(role))) {
  console.error(`Usage: npm run -s token -- <${ROLES.join('|')}>[,<role>…] [email]`);
  process.exit(2);
}
const email = emailArgument ?? `${roles[0]}@erfurt.example`;
const { jwtSecret } = await ensureLocalSecrets(readLocalSettings().dataDir);
process.stdout.write(`${await signLocalToken(jwtSecret, { roles, email })}\n`);
