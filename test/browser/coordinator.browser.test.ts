import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, onSignInPage, screenshot, signInAs } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();
let page: Page;
let cspViolations: string[];

beforeAll(async () => {
  ({ page, cspViolations } = await newPerson(suite.browser));
});

const heading = () => page.getByRole('heading', { level: 1 });
const taskRow = (title: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name: title }) });

async function openTask(title: string) {
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Meine Aufgaben' })
    .click();
  await page.getByRole('link', { name: title }).click();
  await expect.poll(() => heading().textContent()).toBe(title);
}

async function logProgress(values: { percent?: string; hours?: string; note?: string; date?: string }) {
  if (values.date !== undefined) await page.getByLabel('Datum', { exact: true }).fill(values.date);
  if (values.percent !== undefined) await page.getByLabel('Fortschritt (%)').fill(values.percent);
  if (values.hours !== undefined) await page.getByLabel(/^Stunden/).fill(values.hours);
  if (values.note !== undefined) await page.getByLabel('Notiz').fill(values.note);
  await page.getByRole('button', { name: 'Fortschritt eintragen' }).click();
}

describe('Kim, the coordinator, in the web app', () => {
  it('signs in through the local sign-in page and lands on Meine Aufgaben with the overdue task marked', async () => {
    await page.goto(suite.web.url);
    await onSignInPage(page);
    await expectAccessible(page, 'the local sign-in page');
    await signInAs(page, 'Kim Koordination');

    await expect.poll(() => heading().textContent()).toBe('Meine Aufgaben');
    expect(new URL(page.url()).pathname).toBe('/aufgaben');
    expect(await page.title()).toBe('Meine Aufgaben – Fördertracker');
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    expect(await taskRow('Sozialraumanalyse aktualisieren').textContent()).toMatch(
      /In Arbeit.*20\s%.*überfällig/,
    );
    expect(await taskRow('Arbeitskreis Quartiersarbeit vorbereiten').textContent()).not.toContain(
      'überfällig',
    );
    expect(await page.getByRole('link', { name: 'Jahresplanung abstimmen' }).count()).toBe(0);
    await expectAccessible(page, 'Meine Aufgaben');
    await screenshot(page, 'meine-aufgaben');
  });

  it('keeps the tokens out of localStorage', async () => {
    const storage = await page.evaluate(() => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
    }));
    expect(storage.local).toEqual([]);
    expect(storage.session.some((key) => key.startsWith('oidc.user:'))).toBe(true);
  });

  it('filters Meine Aufgaben by status', async () => {
    await page.getByLabel('Status').selectOption({ label: 'Erledigt' });
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('link', { name: 'Jahresplanung abstimmen' }).count()).toBe(1);
    expect(new URL(page.url()).search).toBe('?status=done');

    await page.getByLabel('Status').selectOption({ label: 'Alle' });
    await expect.poll(() => page.getByRole('row').count()).toBe(5);
  });

  it('logs progress with a German decimal comma and sees it at the top of the log and in Meine Aufgaben', async () => {
    await openTask('Sozialraumanalyse aktualisieren');
    expect(await page.title()).toBe('Sozialraumanalyse aktualisieren – Fördertracker');

    await logProgress({
      percent: '45',
      hours: '1,5',
      note: 'Erste Auswertung mit der Sozialplanung besprochen',
    });

    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Fortschritt eingetragen' }).count())
      .toBe(1);
    const newest = page.getByRole('list', { name: 'Einträge, neueste zuerst' }).getByRole('listitem').first();
    await expect
      .poll(() => newest.textContent())
      .toContain('Erste Auswertung mit der Sozialplanung besprochen');
    expect(await newest.textContent()).toMatch(/45\s%, 1,5 Std\./);
    expect(await page.getByLabel('Notiz').inputValue()).toBe('');
    await expectAccessible(page, 'the task page');
    await screenshot(page, 'aufgabe');

    await page.getByRole('link', { name: 'Zurück zu Meine Aufgaben' }).click();
    await expect.poll(() => taskRow('Sozialraumanalyse aktualisieren').textContent()).toMatch(/45\s%/);
  });

  it('shows the refusal of a lower percent in German in an alert, next to the field, and keeps what was typed', async () => {
    await openTask('Sozialraumanalyse aktualisieren');
    await logProgress({ percent: '30', hours: '2', note: 'Nachtrag mit weniger Prozent' });

    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Der Fortschritt wurde nicht eingetragen.');
    expect(await alert.textContent()).toContain('nicht unter 45 % sinken');
    expect(await page.locator('#fortschritt-prozent-fehler').textContent()).toContain(
      'nicht unter 45 % sinken',
    );
    expect(await page.getByLabel('Fortschritt (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Fortschritt (%)').inputValue()).toBe('30');
    expect(await page.getByLabel(/^Stunden/).inputValue()).toBe('2');
    expect(await page.getByLabel('Notiz').inputValue()).toBe('Nachtrag mit weniger Prozent');
    await expectAccessible(page, 'the task page showing a refusal');

    // The draft outlives a reload of the page, too.
    await page.reload();
    await expect.poll(() => page.getByLabel('Notiz').inputValue()).toBe('Nachtrag mit weniger Prozent');
  });

  it('names each bad field in German next to it', async () => {
    await logProgress({ percent: '50', hours: 'viel', date: '31.02.2026', note: 'Falsche Eingaben' });

    await expect
      .poll(() => page.locator('#fortschritt-stunden-fehler').textContent())
      .toBe('Bitte eine Zahl eingeben.');
    expect(await page.locator('#fortschritt-datum-fehler').textContent()).toContain(
      'Dieses Datum gibt es nicht.',
    );
    expect(await page.getByLabel(/^Stunden/).inputValue()).toBe('viel');
    expect(await page.getByLabel('Datum', { exact: true }).inputValue()).toBe('31.02.2026');
  });

  it('is told in German that a done task and a colleague’s task take no progress from her', async () => {
    await page.goto(`${suite.web.url}/aufgaben/${suite.world.tasks.finished.id}`);
    await expect.poll(() => heading().textContent()).toBe('Jahresplanung abstimmen');
    await logProgress({ percent: '100', note: 'Nachtrag' });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Für eine erledigte Aufgabe kann kein Fortschritt mehr eingetragen werden.');

    await page.goto(`${suite.web.url}/aufgaben/${suite.world.tasks.colleagues.id}`);
    await expect.poll(() => heading().textContent()).toBe('Netzwerkkarte der Träger erstellen');
    await logProgress({ percent: '10', note: 'Fremde Aufgabe' });
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('einer anderen Person zugewiesen');
    expect(await page.getByLabel('Notiz').inputValue()).toBe('Fremde Aufgabe');
  });

  it('opens Meine Fristen: overdue first, then this month and the next, each linking to its record', async () => {
    await page.getByRole('link', { name: 'Meine Fristen' }).click();
    await expect.poll(() => heading().textContent()).toBe('Meine Fristen');
    const groups = page.getByRole('heading', { level: 2 });
    await expect.poll(() => groups.first().textContent()).toBe('Überfällig: 2');
    expect((await groups.allTextContents()).slice(0, 3)).toEqual([
      'Überfällig: 2',
      expect.stringMatching(/^Diesen Monat \(\S+ \d{4}\): \d+$/),
      expect.stringMatching(/^Nächsten Monat \(\S+ \d{4}\): \d+$/),
    ]);
    const [, thisMonth, nextMonth] = await groups.allTextContents();
    expect(await page.getByRole('region', { name: thisMonth }).textContent()).toContain(
      'Arbeitskreis Quartiersarbeit vorbereiten',
    );
    expect(await page.getByRole('region', { name: nextMonth }).textContent()).toContain(
      'Beteiligungsverfahren Erfurt-Nord begleiten',
    );
    const overdue = page.getByRole('region', { name: 'Überfällig: 2' });
    expect(
      await overdue.getByRole('link', { name: 'Sozialraumanalyse aktualisieren' }).getAttribute('href'),
    ).toBe(`/aufgaben/${suite.world.tasks.overdue.id}#frist-${suite.world.tasks.overdue.id}.task_due`);
    expect(
      await overdue
        .getByRole('link', { name: 'Stadtteilentwicklungskonzept Erfurt-Nord: Beteiligung der Ortsteile' })
        .getAttribute('href'),
    ).toMatch(
      new RegExp(`^/konzepte/${suite.world.concept.id}#frist-${suite.world.concept.id}\\.milestone_due\\.`),
    );
    await expectAccessible(page, 'Meine Fristen');
    await screenshot(page, 'meine-fristen');
  });

  it('creates her calendar-feed link, which serves her open deadlines to a calendar app', async () => {
    await page.getByRole('button', { name: 'Kalender-Link erstellen' }).click();
    const link = page.getByLabel('Ihr Kalender-Link');
    await expect
      .poll(() => link.inputValue())
      .toMatch(/\/calendar\/[\w-]+\.ics\?owner=kim\.koordination%40erfurt\.example$/);

    const feed = await fetch(await link.inputValue());
    expect(feed.status).toBe(200);
    const ics = await feed.text();
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('Sozialraumanalyse aktualisieren');
    expect(ics).not.toContain('Netzwerkkarte der Träger erstellen');
    await expectAccessible(page, 'Meine Fristen with the calendar link');
  });

  it('says so, in German, for an address the app does not have', async () => {
    await page.goto(`${suite.web.url}/gibt-es-nicht`);
    await expect.poll(() => heading().textContent()).toBe('Seite nicht gefunden');
    expect(await page.title()).toBe('Seite nicht gefunden – Fördertracker');
    await expectAccessible(page, 'the not-found page');
  });

  it('loads nothing the Content-Security-Policy refuses', () => {
    expect(cspViolations).toEqual([]);
  });

  it('signs out; the next visit asks to sign in again', async () => {
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await expect.poll(() => heading().textContent()).toBe('Abgemeldet');
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('oidc.user:'))),
    ).toEqual([]);
    await expectAccessible(page, 'the signed-out page');

    await page.goto(`${suite.web.url}/aufgaben`);
    await expect.poll(() => page.title()).toMatch(/^Anmelden/);
    expect(await page.getByRole('button', { name: 'Kim Koordination', exact: true }).count()).toBe(1);
  });
});
