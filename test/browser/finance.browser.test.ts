import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, screenshot, signInAs } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();
let page: Page;
let cspViolations: string[];
let applicationPath: string;

const TITLE = 'Quartiersplanungskoordination Erfurt';
const heading = () => page.getByRole('heading', { level: 1 });
const region = (name: string | RegExp) => page.getByRole('region', { name });
/** The value of a record's fact, by its term (the first description list of the page). */
const detail = async (term: string) =>
  page
    .locator('dt', { hasText: new RegExp(`^${term}$`) })
    .first()
    .locator('xpath=following-sibling::dd')
    .textContent();

/** A small PDF: its first bytes make it one, as the API's type check wants. */
const NOTICE_PDF = Buffer.from(
  '%PDF-1.4\n% Zuwendungsbescheid TLVwA-SSR-2022-0815\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

beforeAll(async () => {
  ({ page, cspViolations } = await newPerson(suite.browser));
  await page.goto(suite.web.url);
  await signInAs(page, 'Anna Finanz');
});

describe('Anna, finance, records the Erfurt grant in the browser', () => {
  it('lands on the Anträge', async () => {
    await expect.poll(() => heading().textContent()).toBe('Anträge');
    expect(new URL(page.url()).pathname).toBe('/antraege');
    await expectAccessible(page, 'Anträge');
  });

  it('creates the application through the form; a refusal names the field and keeps what she typed', async () => {
    await page.getByRole('link', { name: 'Neuer Antrag' }).click();
    await expect.poll(() => heading().textContent()).toBe('Neuer Antrag');
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page
      .getByLabel('Zweck')
      .fill('Zusätzliche Vollzeitstelle (1,0 VbE) für die integrierte Sozialraumplanung');
    await page.getByLabel('Organisationseinheit').fill('Amt für Soziales, Sozialplanung');
    await page.getByLabel('Beginn des Bewilligungszeitraums').fill('01.01.2023');
    await page.getByLabel('Ende des Bewilligungszeitraums').fill('31.12.2025');
    await page.getByLabel('Zuwendungsfähige Ausgaben (€)').fill('250.000,00');
    await page.getByLabel('Beantragter Betrag (€)').fill('300.000');
    await page.getByLabel('Eigenanteil der Stadt (€)').fill('50.000,00');
    await page.getByLabel(/^Einreichungsfrist/).fill('31.10.2022');
    await page.getByRole('button', { name: 'Antrag anlegen' }).click();

    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Der Antrag wurde nicht angelegt.');
    expect(await page.locator('#antrag-beantragt-fehler').textContent()).toBe(
      'Darf die zuwendungsfähigen Ausgaben nicht übersteigen.',
    );
    expect(await page.getByLabel('Beantragter Betrag (€)').inputValue()).toBe('300.000');
    expect(await page.getByLabel('Zweck').inputValue()).toContain('Vollzeitstelle');
    await expectAccessible(page, 'the new application form showing a refusal');

    await page.getByLabel('Beantragter Betrag (€)').fill('200.000,00');
    await page.getByRole('button', { name: 'Antrag anlegen' }).click();
    await expect.poll(() => heading().textContent()).toBe(TITLE);
    applicationPath = new URL(page.url()).pathname;
    expect(applicationPath).toMatch(/^\/antraege\/[0-9A-Z]{26}$/);
    expect(await detail('Status')).toBe('Entwurf');
    expect(await detail('Beantragt')).toBe('200.000,00\u00a0€');
  });

  it('submits it after confirming in a dialog', async () => {
    await page.getByLabel('Neuer Status').selectOption({ label: 'Einreichen' });
    await page.getByRole('button', { name: 'Einreichen …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Antrag als eingereicht erfassen?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, 'the confirmation dialog');
    await dialog.getByRole('button', { name: 'Einreichen' }).click();

    await expect.poll(() => detail('Status')).toBe('Eingereicht');
    expect(
      await page.getByRole('status').filter({ hasText: 'Der Antrag ist jetzt: Eingereicht.' }).count(),
    ).toBe(1);
  });

  it('approves it with its notice', async () => {
    await page.getByLabel('Neuer Status').selectOption({ label: 'Bewilligen (mit Zuwendungsbescheid)' });
    await page.getByLabel('Datum des Bescheids').fill('15.12.2022');
    await page.getByLabel('Aktenzeichen').fill('TLVwA-SSR-2022-0815');
    await page.getByLabel('Bewilligter Betrag (€)').fill('190.000,00');
    expect(await page.getByLabel('Bewilligungszeitraum von').inputValue()).toBe('01.01.2023');
    await page
      .getByLabel(/^Nebenbestimmungen und Auflagen/)
      .fill('ANBest-P; abgerufene Mittel binnen zwei Monaten verwenden');
    await page.getByRole('button', { name: 'Bewilligen …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Antrag bewilligen?' });
    await expect.poll(() => dialog.textContent()).toContain('bewilligt 190.000,00\u00a0€');
    await dialog.getByRole('button', { name: 'Bewilligen' }).click();

    await expect.poll(() => detail('Status')).toBe('Bewilligt');
    expect(await detail('Bewilligt')).toBe('190.000,00\u00a0€');
    await expect.poll(() => region('Bescheide').textContent()).toContain('TLVwA-SSR-2022-0815');
  });

  it('calls funds and sees the spend-by date and the amounts the German way', async () => {
    const calls = region('Mittelabrufe');
    await calls.getByLabel('Betrag (€)').fill('50.000,00');
    await calls.getByLabel('Abgerufen am').fill('01.03.2023');
    await calls
      .getByLabel(/^Eingegangen am/)
      .first()
      .fill('06.03.2023');
    await calls.getByRole('button', { name: 'Mittel abrufen' }).click();

    await expect
      .poll(() => calls.getByRole('status').first().textContent())
      .toBe('50.000,00\u00a0€ abgerufen; zu verwenden bis 06.05.2023.');
    const row = calls.getByRole('row').filter({ hasText: '01.03.2023' });
    await expect.poll(() => row.textContent()).toContain('06.05.2023');
    expect(await row.textContent()).toContain(
      'ESF+ 37.500,00\u00a0€, Land 12.500,00\u00a0€, Eigenanteil 12.500,00\u00a0€',
    );
  });

  it('marks them spent, which stops the spending clock', async () => {
    const calls = region('Mittelabrufe');
    await calls.getByLabel(/^Verwendet am/).fill('20.04.2023');
    await calls.getByRole('button', { name: 'Eingang und Verwendung erfassen' }).click();

    const row = calls.getByRole('row').filter({ hasText: '01.03.2023' });
    await expect.poll(() => row.textContent()).toContain('verwendet am 20.04.2023');
    expect(await row.textContent()).toMatch(/50\.000,00\s€.*50\.000,00\s€.*0,00\s€/);
  });

  it('uploads the notice as a PDF to notice version 1', async () => {
    const documents = region(/^Dokumente zu Version 1/);
    await documents.getByLabel('Datei').setInputFiles({
      name: 'Zuwendungsbescheid 2022.pdf',
      mimeType: 'application/pdf',
      buffer: NOTICE_PDF,
    });
    expect(await documents.getByLabel('Art des Dokuments').inputValue()).toBe('notice');
    await documents.getByRole('button', { name: 'Hochladen' }).click();

    await expect
      .poll(() => documents.getByRole('status').textContent())
      .toContain('Zuwendungsbescheid 2022.pdf ist hochgeladen.');
    expect(
      await documents.getByRole('button', { name: 'Zuwendungsbescheid 2022.pdf herunterladen' }).count(),
    ).toBe(1);
  });

  it('records the amendment and sees the versions side by side with what changed', async () => {
    const notices = region('Bescheide');
    await notices.getByLabel('Datum des Bescheids').fill('01.09.2023');
    await notices.getByLabel('Aktenzeichen').fill('TLVwA-SSR-2022-0815-Ä1');
    await notices.getByLabel('Bewilligter Betrag (€)').fill('195.000,00');
    await notices.getByRole('button', { name: 'Änderungsbescheid erfassen' }).click();

    const approved = notices.getByRole('row', { name: /^Bewilligt/ });
    await expect.poll(() => approved.textContent()).toContain('195.000,00\u00a0€ (+5.000,00\u00a0€)geändert');
    expect(await notices.getByRole('columnheader').allTextContents()).toEqual(['Version 1', 'Version 2']);
    expect(await detail('Bewilligt')).toBe('195.000,00\u00a0€');
  });

  it('reads the history with old and new values', async () => {
    const history = page.getByRole('list', { name: 'Verlauf, neueste zuerst' });
    await expect.poll(() => history.textContent()).toContain('Status geändert: Eingereicht → Bewilligt');
    const approval = history
      .getByRole('listitem')
      .filter({ hasText: 'Status geändert: Eingereicht → Bewilligt' });
    expect(await approval.getByRole('row', { name: /^Bewilligt/ }).textContent()).toBe(
      'Bewilligt0,00\u00a0€190.000,00\u00a0€',
    );
    await expectAccessible(page, 'the application page');
    await screenshot(page, 'antrag-bescheide', region('Bescheide').getByRole('table'));
    await screenshot(page, 'antrag-mittelabrufe', region('Mittelabrufe'));
  });

  it('finds the grant in the Anträge with its money and a totals row; sorts and filters', async () => {
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Anträge' })
      .click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TITLE }) });
    await expect
      .poll(() => row.textContent())
      .toMatch(/Bewilligt.*195\.000,00\s€.*50\.000,00\s€.*50\.000,00\s€.*145\.000,00\s€/);
    expect(await page.getByRole('row', { name: /^Summe/ }).textContent()).toContain('195.000,00\u00a0€');

    await page.getByRole('button', { name: 'Bewilligt' }).click();
    expect(await page.getByRole('columnheader', { name: 'Bewilligt' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    await expectAccessible(page, 'Anträge with a grant');
    await screenshot(page, 'antraege');
    await page.getByLabel('Status').selectOption({ label: 'Entwurf' });
    await expect.poll(() => page.getByRole('link', { name: TITLE }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('?sortierung=approved&status=draft');
    await page.getByLabel('Status').selectOption({ label: 'Alle' });
    await page.getByLabel('Haushaltsjahr').selectOption('2024');
    await expect.poll(() => row.textContent()).toMatch(/65\.118,61\s€0,00\s€0,00\s€65\.118,61\s€/);
  });

  it('follows a grant deadline from Meine Fristen to the application page', async () => {
    await page.getByRole('link', { name: 'Meine Fristen' }).click();
    const link = page
      .getByRole('region', { name: /^Überfällig/ })
      .getByRole('link', { name: TITLE })
      .first();
    await expect
      .poll(() => link.getAttribute('href'))
      .toMatch(new RegExp(`^${applicationPath}#frist-[\\w.-]+$`));
    const anchor = new URL((await link.getAttribute('href')) ?? '', suite.web.url).hash.slice(1);
    await link.click();
    await expect.poll(() => heading().textContent()).toBe(TITLE);
    // The page opens at that deadline in its Fristen, with the focus on it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(anchor);
  });

  it('loads nothing the Content-Security-Policy refuses', () => {
    expect(cspViolations).toEqual([]);
  });
});
