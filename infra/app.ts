import { App } from 'aws-cdk-lib';
import { addFoerdertracker } from './foerdertracker.ts';

/** Deploy-time settings, e.g. `npx cdk deploy --all -c mailFrom=fristen@erfurt.de -c financeMailbox=…`. */
const app = new App();
const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
};
const publicBaseUrl = context('publicBaseUrl');
const mailFrom = context('mailFrom');
const mailIdentity = context('mailIdentity');
const financeMailbox = context('financeMailbox');
const alarmEmail = context('alarmEmail');
const signInDomainPrefix = context('signInDomainPrefix');
const cityName = context('cityName');
addFoerdertracker(app, {
  ...(publicBaseUrl ? { publicBaseUrl } : {}),
  ...(mailFrom
    ? {
        mail: {
          from: mailFrom,
          ...(mailIdentity ? { identities: [mailIdentity] } : {}),
          ...(financeMailbox ? { financeMailbox } : {}),
        },
      }
    : {}),
  ...(alarmEmail ? { alarmEmail } : {}),
  ...(signInDomainPrefix ? { signInDomainPrefix } : {}),
  ...(cityName ? { cityName } : {}),
});
app.synth();
