import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, screenshot, signInAs } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { type ErfurtGrant, recordErfurtGrant } from '../support/erfurt-grant.ts';

const suite = browserSuite();
let grant: ErfurtGrant;

beforeAll(async () => {
  grant = await recordErfurtGrant(suite.web);
});

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('Stellen: the funded position', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await newPerson(suite.browser));
    await page.goto(`${suite.web.url}/stellen`);
    await signInAs(page, 'Anna Finanz');
  });

  it('lists the positions and opens one with its warnings, staffing over time and cost plan', async () => {
    await expect.poll(() => heading(page)).toBe('Stellen');
    await expectAccessible(page, 'Stellen');
    await page
      .getByRole('row', { name: /Besetzt seit 01\.04\.2023/ })
      .getByRole('link')
      .click();
    await expect.poll(() => heading(page)).toBe('Quartiersplanungskoordination');
    expect(new URL(page.url()).pathname).toBe(`/stellen/${grant.position.id}`);

    expect(await page.locator('.warnings').textContent()).toContain(
      'Der Vertrag läuft bis 30.06.2026, die Förderung endet am 31.12.2025.',
    );
    const timeline = page.getByRole('list', { name: 'Besetzung im Zeitverlauf' });
    await expect
      .poll(() => timeline.getByRole('listitem').allTextContents())
      .toEqual([
        expect.stringMatching(/Stelle angelegt: Geplant$/),
        '16.01.2023 Geplant → Ausgeschrieben',
        '01.04.2023 Ausgeschrieben → Besetzt (Kim Koordination)',
      ]);
    const costs = page.locator('.cost-table');
    // 2024: 56.000 € gross + 19,975 % = 67.186 €, of which ESF+ 60 %, Land 20 %, the city 20 %.
    expect(await costs.getByRole('row', { name: /^2024/ }).textContent()).toBe(
      '202456.000,00\u00a0€67.186,00\u00a0€–40.311,60\u00a0€13.437,20\u00a0€13.437,20\u00a0€0,00\u00a0€',
    );
    expect(await page.getByRole('region', { name: 'Förderung' }).textContent()).toContain(
      'Quartiersplanungskoordination Erfurt: 100\u00a0% der Kosten',
    );
    await expectAccessible(page, 'the position page');
    await screenshot(page, 'stelle', page.locator('.app-main'));
  });

  it('replaces the plan of a year (the version it read travels as If-Match)', async () => {
    await page.getByLabel('Haushaltsjahr').fill('2025');
    await page.getByLabel('Geplantes Bruttogehalt im Jahr (€)').fill('59.000,00');
    await page.getByRole('button', { name: 'Kostenplan setzen' }).click();

    await expect
      .poll(() => page.locator('.cost-table').getByRole('row', { name: /^2025/ }).textContent())
      .toContain('59.000,00\u00a0€');
  });

  it('records the vacancy; the staffing timeline and the history follow', async () => {
    await page.getByLabel('Neue Besetzung').selectOption({ label: 'Unbesetzt' });
    await page.getByLabel('Ab', { exact: true }).fill('30.06.2025');
    await page.getByRole('button', { name: 'Besetzung ändern' }).click();

    const timeline = page.getByRole('list', { name: 'Besetzung im Zeitverlauf' });
    await expect
      .poll(() => timeline.getByRole('listitem').last().textContent())
      .toBe('30.06.2025 Besetzt → Unbesetzt');
    expect(
      await page
        .getByRole('list', { name: 'Verlauf, neueste zuerst' })
        .getByRole('listitem')
        .first()
        .textContent(),
    ).toContain('Besetzung geändert: Besetzt → Unbesetzt');
  });

  it('names a refusal of a staffing step next to its field', async () => {
    await page.getByLabel('Ab', { exact: true }).fill('01.01.2020');
    await page.getByRole('button', { name: 'Besetzung ändern' }).click();
    await expect
      .poll(() => page.locator('#besetzung-datum-fehler').textContent())
      .toBe('Darf nicht vor dem letzten Besetzungsschritt (30.06.2025) liegen.');
    await expectAccessible(page, 'the position page showing a refusal');
  });
});

describe('Programme: the admin keeps the programme settings', () => {
  let page: Page;
  beforeAll(async () => {
    ({ page } = await newPerson(suite.browser));
    await page.goto(suite.web.url);
    await signInAs(page, 'Admin');
  });

  it('lands on the Übersicht and finds the programmes in the navigation', async () => {
    await expect.poll(() => heading(page)).toBe('Übersicht');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Programme' })
      .click();
    await expect.poll(() => heading(page)).toBe('Programme');
    await expectAccessible(page, 'Programme');
    await page.getByRole('link', { name: grant.program.name }).click();
    await expect.poll(() => heading(page)).toBe(grant.program.name);
    expect(await page.getByLabel('Anteil ESF+ (%)').inputValue()).toBe('60');
    await expectAccessible(page, 'a programme');
  });

  it('refuses shares that do not add up, next to the field, and keeps what was typed', async () => {
    await page.getByLabel('Anteil ESF+ (%)').fill('70');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    await expect
      .poll(() => page.locator('#programm-anteil-esf_plus-fehler').textContent())
      .toBe('Die Anteile müssen zusammen 100 % ergeben.');
    expect(await page.getByLabel('Anteil ESF+ (%)').inputValue()).toBe('70');
  });

  it('changes a deadline rule; the history shows the old and the new value', async () => {
    await page.getByLabel('Anteil ESF+ (%)').fill('60');
    await page.getByLabel('Abgerufene Mittel verwenden binnen').fill('6');
    await page.getByLabel('Einheit').first().selectOption({ label: 'Wochen' });
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();

    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Die Einstellungen sind gespeichert.');
    const change = page
      .getByRole('list', { name: 'Verlauf, neueste zuerst' })
      .getByRole('row', { name: /^Mittelverwendung binnen/ });
    await expect.poll(() => change.textContent()).toBe('Mittelverwendung binnen2 Monate6 Wochen');
    await expectAccessible(page, 'a programme after a change');
    await screenshot(page, 'programm', page.locator('.app-main'));
  });
});
