import { readFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  expectAccessible,
  newPerson,
  onSignInPage,
  screenshot,
  signInAs,
  storedIdToken,
} from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();

describe('the local sign-in', () => {
  it('lists the local accounts as buttons named after each person', async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(suite.web.url);
    await onSignInPage(page);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Anmelden');
    const people = page.getByRole('list').first().getByRole('button');
    expect(await people.allTextContents()).toEqual([
      'Kim Koordination',
      'Anna Finanz',
      'Lea Leitung',
      'Admin',
    ]);
    await expectAccessible(page, 'the local sign-in page');
    await screenshot(page, 'anmeldung');
  });

  it('adds an account with name, e-mail and roles; refusals are German and next to their fields', async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(suite.web.url);
    await onSignInPage(page);

    await page.getByLabel('E-Mail').fill('keine-adresse');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Das Konto wurde nicht angelegt.');
    expect(await page.locator('#konto-neu-name-fehler').textContent()).toBe(
      'Bitte geben Sie einen Namen ein.',
    );
    expect(await page.locator('#konto-neu-email-fehler').textContent()).toBe(
      'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    );
    expect(await page.locator('#konto-neu-rollen-fehler').textContent()).toBe(
      'Bitte wählen Sie mindestens eine Rolle.',
    );
    expect(await page.getByLabel('E-Mail').inputValue()).toBe('keine-adresse');
    await expectAccessible(page, 'the sign-in page refusing an account');

    await page.getByLabel('Name').fill('Alex Sozialplanung');
    await page.getByLabel('E-Mail').fill('alex.sozialplanung@erfurt.example');
    await page.getByLabel('Koordination').check();
    await page.getByRole('button', { name: 'Konto anlegen' }).click();

    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Konto für Alex Sozialplanung angelegt.');
    expect(await page.getByRole('button', { name: 'Alex Sozialplanung', exact: true }).count()).toBe(1);
    const stored = JSON.parse(await readFile(join(suite.web.dataDir, 'accounts.json'), 'utf8')) as {
      email: string;
      roles: string[];
    }[];
    expect(stored.find((account) => account.email === 'alex.sozialplanung@erfurt.example')?.roles).toEqual([
      'coordinator',
    ]);

    // Alex may sign in at once, and sees the tasks assigned to Alex.
    await signInAs(page, 'Alex Sozialplanung');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Meine Aufgaben');
    await expect
      .poll(() => page.getByRole('link', { name: 'Netzwerkkarte der Träger erstellen' }).count())
      .toBe(1);
  });

  it('sends management to the Übersicht, with no Meine Aufgaben in the navigation', async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(suite.web.url);
    await signInAs(page, 'Lea Leitung');

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Übersicht');
    expect(new URL(page.url()).pathname).toBe('/uebersicht');
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Meine Aufgaben' }).count()).toBe(0);
  });

  it('sends finance to the Anträge', async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(suite.web.url);
    await signInAs(page, 'Anna Finanz');

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Anträge');
    expect(new URL(page.url()).pathname).toBe('/antraege');
  });

  it('takes a link to a record, followed while signed out, through sign-in to that record', async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(`${suite.web.url}/aufgaben/${suite.world.tasks.nextMonth.id}`);
    await signInAs(page, 'Kim Koordination');

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Beteiligungsverfahren Erfurt-Nord begleiten');
    expect(new URL(page.url()).pathname).toBe(`/aufgaben/${suite.world.tasks.nextMonth.id}`);
  });

  it("gives the API the provider's ID token with Cognito's claims; the API refuses it once tampered with", async () => {
    const { page } = await newPerson(suite.browser);
    await page.goto(suite.web.url);
    await signInAs(page, 'Kim Koordination');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Meine Aufgaben');
    const token = (await storedIdToken(page))!;

    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({
      iss: suite.web.service.oidcIssuer,
      aud: 'foerdertracker-web',
      email: 'kim.koordination@erfurt.example',
      'cognito:groups': ['coordinator'],
    });
    const tasks = (bearer: string) =>
      fetch(`${suite.web.url}/v1/tasks?limit=1`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await tasks(token)).status).toBe(200);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const asAdmin = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
      'base64url',
    );
    expect((await tasks(`${header}.${asAdmin}.${signature}`)).status).toBe(401);
    expect((await tasks(`${header}.${payload}.${signature.slice(0, -4)}AAAA`)).status).toBe(401);
  });

  it('keeps `npm run token` tokens working beside the sign-in', async () => {
    const finance = await suite.web.as('finance', 'anna.finanz@erfurt.example');
    const { response } = await finance.GET('/v1/positions', { params: { query: {} } });
    expect(response.status).toBe(200);
  });

  it('listens on 127.0.0.1 only: the app and the sign-in cannot be reached from another address', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    const ports = [new URL(suite.web.url).port, new URL(suite.web.service.oidcIssuer).port];
    for (const port of ports) {
      expect((await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' })).status).toBeLessThan(500);
      if (external) await expect(fetch(`http://${external}:${port}/`)).rejects.toThrow();
    }
  });
});
