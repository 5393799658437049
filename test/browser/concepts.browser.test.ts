import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { expectAccessible, newPerson, screenshot, signInAs } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();
let context: BrowserContext;
let page: Page;
let cspViolations: string[];

beforeAll(async () => {
  ({ context, page, cspViolations } = await newPerson(suite.browser));
  await page.goto(`${suite.web.url}/konzepte`);
  await signInAs(page, 'Kim Koordination');
});

const heading = () => page.getByRole('heading', { level: 1 });
const milestone = (title: string) => page.getByRole('region', { name: title, exact: true });
const germanDate = (iso: string) => iso.split('-').reverse().join('.');

/** A PDF of about `megabytes` MB: its first bytes make it one, the rest is padding in a comment. */
function pdf(megabytes: number): Buffer {
  const head = '%PDF-1.4\n% Meilensteinbericht Erfurt-Nord\n1 0 obj << /Type /Catalog >> endobj\n%';
  const tail = '\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  return Buffer.concat([Buffer.from(head), Buffer.alloc(megabytes * 1024 * 1024, 'x'), Buffer.from(tail)]);
}

describe('Konzepte: a district concept with its milestones, reports and documents', () => {
  it('lists the concepts and opens one by its title', async () => {
    await expect.poll(() => heading().textContent()).toBe('Konzepte');
    await expectAccessible(page, 'Konzepte');
    await page.getByRole('link', { name: 'Stadtteilentwicklungskonzept Erfurt-Nord' }).click();
    await expect.poll(() => heading().textContent()).toBe('Stadtteilentwicklungskonzept Erfurt-Nord');
    expect(new URL(page.url()).pathname).toBe(`/konzepte/${suite.world.concept.id}`);
    await expectAccessible(page, 'the concept page');
  });

  it('names a date that does not exist next to the field, and keeps it', async () => {
    const ortsteile = milestone('Beteiligung der Ortsteile');
    await ortsteile.getByLabel('Erreicht am').fill('32.01.2026');
    await ortsteile.getByRole('button', { name: 'Als erreicht markieren' }).click();

    await expect
      .poll(() => ortsteile.locator(`#erreicht-${suite.world.milestones.ortsteile.id}-fehler`).textContent())
      .toBe('Dieses Datum gibt es nicht.');
    expect(await ortsteile.getByLabel('Erreicht am').inputValue()).toBe('32.01.2026');
  });

  it('marks a milestone achieved on a date', async () => {
    const ortsteile = milestone('Beteiligung der Ortsteile');
    const yesterday = germanDate(addDays(suite.world.today, -1));
    await ortsteile.getByLabel('Erreicht am').fill(yesterday);
    await ortsteile.getByRole('button', { name: 'Als erreicht markieren' }).click();

    await expect.poll(() => ortsteile.textContent()).toContain(`Erreicht am ${yesterday}`);
    expect(await ortsteile.getByRole('button', { name: 'Als erreicht markieren' }).count()).toBe(0);
  });

  it('refuses an empty report field by field, in German', async () => {
    const ag = milestone('Rückmeldung an die AG der sozialpolitischen Sprecherinnen und Sprecher');
    await ag.getByRole('button', { name: 'Bericht speichern' }).click();

    await expect
      .poll(() => ag.getByRole('alert').textContent())
      .toContain('Der Bericht wurde nicht gespeichert.');
    expect(
      await ag
        .locator(`#bericht-${suite.world.milestones.arbeitsgruppe.id}-zusammenfassung-fehler`)
        .textContent(),
    ).toBe('Bitte ausfüllen.');
    expect(
      await ag.locator(`#bericht-${suite.world.milestones.arbeitsgruppe.id}-text-fehler`).textContent(),
    ).toBe('Bitte ausfüllen.');
  });

  it('writes a milestone report in Markdown, previews it (raw HTML stays text), saves and submits it', async () => {
    const ag = milestone('Rückmeldung an die AG der sozialpolitischen Sprecherinnen und Sprecher');
    await ag.getByLabel('Zusammenfassung').fill('Die Beteiligung in Erfurt-Nord ist abgeschlossen.');
    await ag
      .getByLabel('Adressat')
      .selectOption({ label: 'AG der sozialpolitischen Sprecherinnen und Sprecher' });
    await ag
      .getByLabel('Bericht (Markdown)')
      .fill(
        '## Ergebnisse\n\n- sechs Ortsteilräte beteiligt\n- **Jugendforen** mit BÄMM! durchgeführt\n\n<script>window.injected = true</script>',
      );

    await ag.getByRole('button', { name: 'Vorschau' }).click();
    const preview = ag.getByRole('document', { name: 'Vorschau des Berichts' });
    await expect.poll(() => preview.getByRole('heading', { name: 'Ergebnisse' }).count()).toBe(1);
    expect(await preview.getByRole('listitem').allTextContents()).toEqual([
      'sechs Ortsteilräte beteiligt',
      'Jugendforen mit BÄMM! durchgeführt',
    ]);
    expect(await preview.locator('strong').textContent()).toBe('Jugendforen');
    expect(await preview.textContent()).toContain('<script>window.injected = true</script>');
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    await expectAccessible(page, 'the report preview');

    await ag.getByRole('button', { name: 'Weiter schreiben' }).click();
    await ag.getByRole('button', { name: 'Bericht speichern' }).click();
    const report = ag
      .getByRole('listitem')
      .filter({ hasText: 'Die Beteiligung in Erfurt-Nord ist abgeschlossen.' });
    await expect
      .poll(() => report.textContent())
      .toContain('Entwurf · an: AG der sozialpolitischen Sprecherinnen und Sprecher');

    await report.getByRole('button', { name: 'Bericht einreichen' }).click();
    await expect
      .poll(() => report.textContent())
      .toContain(
        `Eingereicht · an: AG der sozialpolitischen Sprecherinnen und Sprecher · eingereicht am ${germanDate(suite.world.today)}`,
      );
  });

  it('uploads a document to the report with its progress shown, and downloads the same bytes', async () => {
    const report = milestone('Rückmeldung an die AG der sozialpolitischen Sprecherinnen und Sprecher')
      .getByRole('listitem')
      .filter({ hasText: 'Die Beteiligung in Erfurt-Nord ist abgeschlossen.' });
    const file = pdf(3);
    // A slow line (about 2 MB/s up), so the progress of a 3 MB upload can be seen at all.
    const devtools = await context.newCDPSession(page);
    await devtools.send('Network.enable');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 2 * 1024 * 1024,
    });

    await report
      .getByLabel('Datei')
      .setInputFiles({ name: 'Bericht AG Sozialpolitik.pdf', mimeType: 'application/pdf', buffer: file });
    await report.getByLabel('Art des Dokuments').selectOption({ label: 'Bericht' });
    await report.getByRole('button', { name: 'Hochladen' }).click();

    const progress = report.getByRole('progressbar', { name: 'Hochladen' });
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => report.getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('Bericht AG Sozialpolitik.pdf ist hochgeladen.');
    await devtools.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expectAccessible(page, 'the concept page after an upload');
    await screenshot(page, 'konzept');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      report.getByRole('button', { name: 'Bericht AG Sozialpolitik.pdf herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Bericht AG Sozialpolitik.pdf');
    expect((await readFile(await download.path())).equals(file)).toBe(true);
  });

  it('refuses a file type the API does not take, next to the file field', async () => {
    const conceptDocuments = page.getByRole('region', { name: 'Dokumente zum Konzept' });
    await conceptDocuments.getByLabel('Datei').setInputFiles({
      name: 'programm.exe',
      mimeType: 'application/x-msdownload',
      buffer: Buffer.from('MZ not a document'),
    });
    await conceptDocuments.getByRole('button', { name: 'Hochladen' }).click();
    await expect
      .poll(() => conceptDocuments.getByRole('alert').textContent())
      .toContain('Die Datei wurde nicht hochgeladen.');
    expect(
      await conceptDocuments.locator(`#konzept-${suite.world.concept.id}-datei-fehler`).textContent(),
    ).toContain('Diese Dateiart ist nicht erlaubt');
  });

  it('compiles the Sachbericht for a chosen period, to copy or to download as Markdown', async () => {
    await page.getByRole('link', { name: 'Sachbericht' }).click();
    await expect.poll(() => heading().textContent()).toBe('Sachbericht');
    await expect.poll(() => page.getByLabel('Stelle').inputValue()).toBe(suite.world.position.id);

    await page.getByLabel('Von').fill(germanDate(addDays(suite.world.today, -60)));
    await page.getByLabel('Bis').fill(germanDate(suite.world.today));
    await page.getByRole('button', { name: 'Sachbericht erstellen' }).click();

    const text = page.getByLabel('Sachbericht (Markdown)');
    await expect.poll(() => text.inputValue()).toContain('# Sachbericht Quartiersplanungskoordination');
    expect(await text.inputValue()).toContain('Sozialraumanalyse aktualisieren');
    expect(new URL(page.url()).searchParams.get('stelle')).toBe(suite.world.position.id);
    await expectAccessible(page, 'Sachbericht');
    await screenshot(page, 'sachbericht');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Als Markdown herunterladen' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(
      `Sachbericht_${addDays(suite.world.today, -60)}_${suite.world.today}.md`,
    );
    expect(await readFile(await download.path(), 'utf8')).toBe(await text.inputValue());
  });

  it('names a date that does not exist next to its field', async () => {
    await page.getByLabel('Von').fill('31.13.2026');
    await page.getByRole('button', { name: 'Sachbericht erstellen' }).click();
    await expect.poll(() => page.locator('#sachbericht-von-fehler').textContent()).toMatch(/Datum/);
    expect(await page.getByLabel('Von').inputValue()).toBe('31.13.2026');
  });

  it('loads nothing the Content-Security-Policy refuses', () => {
    expect(cspViolations).toEqual([]);
  });
});
