import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JsonResponse } from '../../client/index.ts';
import { DASHBOARD_CHARTS_DRAWN } from '../../web/performance-marks.ts';
import { expectAccessible, keepForReadme, newPerson, screenshot, signInAs } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { recordErfurtGrant } from '../support/erfurt-grant.ts';
import { pdfPageCount } from '../support/pdf.ts';
import { expectOk } from '../support/web-service.ts';

const suite = browserSuite();
let page: Page;
let summary: JsonResponse<'/v1/summary'>;
const chartRequests: string[] = [];

const euro = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' });
const money = (cents: number) => euro.format(cents / 100);
const cells = (tableId: string) =>
  page
    .locator(`#${tableId} tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );

beforeAll(async () => {
  await recordErfurtGrant(suite.web);
  const lea = await suite.web.as('viewer', 'leitung@erfurt.example');
  summary = await expectOk(lea.GET('/v1/summary'));
  ({ page } = await newPerson(suite.browser));
  page.on('request', (request) => {
    if (/\/assets\/charts-[\w-]+\.js$/.test(new URL(request.url()).pathname))
      chartRequests.push(request.url());
  });
  await page.goto(suite.web.url);
  await signInAs(page, 'Lea Leitung');
});

describe('Lea, head of the social office, on the Übersicht', () => {
  it('lands on the Übersicht, where the charts are drawn beside their tables', async () => {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Übersicht');
    expect(new URL(page.url()).pathname).toBe('/uebersicht');
    await page.waitForFunction(
      (mark) => performance.getEntriesByName(mark).length > 0,
      DASHBOARD_CHARTS_DRAWN,
    );
    expect(await page.locator('figure canvas').count()).toBe(3);
    expect(chartRequests).toHaveLength(1);
    await expectAccessible(page, 'the Übersicht');
    await screenshot(page, 'uebersicht');
  });

  it('shows the numbers the API gives, the German way', async () => {
    const grant = summary.applications.find((application) => application.status === 'approved')!;
    const rows = await cells('tabelle-je-foerderung');
    expect(rows).toContainEqual([
      `${grant.title}Sozialstrategierichtlinie Thüringen 2.1 · Bewilligt`,
      money(grant.approvedCents),
      money(grant.calledCents),
      money(grant.spentCents),
      money(grant.remainingCents),
    ]);
    expect(rows.at(-1)).toEqual([
      'Summe',
      money(summary.totals.approvedCents),
      money(summary.totals.calledCents),
      money(summary.totals.spentCents),
      money(summary.totals.remainingCents),
    ]);
    expect(money(grant.approvedCents)).toBe('195.000,00\u00a0€');
    expect(money(grant.calledCents)).toBe('110.000,00\u00a0€');

    const years = await cells('tabelle-je-jahr');
    for (const year of summary.totals.byYear) {
      expect(years).toContainEqual([
        String(year.year),
        money(year.approvedCents),
        money(year.calledCents),
        money(year.spentCents),
        money(year.remainingCents),
      ]);
    }
    const sources = await cells('tabelle-kofinanzierung');
    expect(sources.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual(
      summary.coFinancing.map((line) => [
        { esf_plus: 'ESF+', land: 'Land', federal: 'Bund', other: 'Sonstige', own: 'Eigenanteil der Stadt' }[
          line.source
        ],
        money(line.approvedCents),
        money(line.calledCents),
      ]),
    );
    expect(await page.getByRole('heading', { name: /^Überfällige Fristen: / }).textContent()).toBe(
      `Überfällige Fristen: ${summary.deadlines.overdue.length}`,
    );
    expect(await page.getByText(/^Zinsrisiko auf nicht fristgerecht/).textContent()).toContain(
      money(summary.deadlines.interestAtRiskCents),
    );
    const positions = await cells('tabelle-stellen');
    const position = summary.positions.find(
      (candidate) => candidate.title === 'Quartiersplanungskoordination' && candidate.staffing === 'filled',
    )!;
    expect(positions).toContainEqual([
      position.title,
      '1',
      'TVöD E 11',
      'Besetzt seit 01.04.2023',
      '0',
      money(0),
    ]);
  });

  it('prints as an A4 status report of one to three pages, with the city and the date', async () => {
    await page.emulateMedia({ media: 'print' });
    const head = page.locator('.report-head__meta');
    expect(await head.textContent()).toMatch(
      /^Statusbericht Fördermittel · Stadt Erfurt · Stand \d{2}\.\d{2}\.\d{4}$/,
    );
    expect(await page.getByRole('navigation', { name: 'Hauptnavigation' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Drucken' }).isVisible()).toBe(false);
    expect(await page.locator('#tabelle-je-foerderung').isVisible()).toBe(true);
    await screenshot(page, 'druckansicht');
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await keepForReadme('statusbericht.pdf', pdf);
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
  });

  it('reads the Anträge without being offered to change them, and loads no chart code there', async () => {
    const fresh = (await newPerson(suite.browser)).page;
    const scripts: string[] = [];
    fresh.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await fresh.goto(`${suite.web.url}/antraege`);
    await signInAs(fresh, 'Lea Leitung');
    await expect
      .poll(() => fresh.getByRole('link', { name: 'Quartiersplanungskoordination Erfurt' }).count())
      .toBe(1);
    expect(await fresh.getByRole('link', { name: 'Neuer Antrag' }).count()).toBe(0);
    expect(scripts.some((path) => /charts-/.test(path))).toBe(false);
    await expectAccessible(fresh, 'Anträge as a viewer');
  });
});
