import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { focused, newPerson, onSignInPage, tabTo } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { recordErfurtGrant } from '../support/erfurt-grant.ts';

const suite = browserSuite();
let page: Page;

beforeAll(async () => {
  await recordErfurtGrant(suite.web);
  ({ page } = await newPerson(suite.browser));
});

const heading = () => page.getByRole('heading', { level: 1 }).textContent();
/** Replaces a field's text by keyboard: select all, then type. */
async function retype(text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

describe('finance by keyboard alone', () => {
  it('Anna signs in, opens the grant from the Anträge and calls funds without touching the mouse', async () => {
    await page.goto(suite.web.url);
    await onSignInPage(page);
    await tabTo(page, 'Anna Finanz');
    await page.keyboard.press('Enter');
    await expect.poll(heading).toBe('Anträge');

    await tabTo(page, 'Quartiersplanungskoordination Erfurt');
    await page.keyboard.press('Enter');
    await expect.poll(heading).toBe('Quartiersplanungskoordination Erfurt');

    await tabTo(page, 'Betrag (€)', 80);
    await page.keyboard.type('20.000,00');
    await tabTo(page, 'Abgerufen am');
    await retype('02.06.2025');
    await tabTo(page, 'Mittel abrufen');
    await page.keyboard.press('Enter');

    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'abgerufen' }).textContent())
      .toBe('20.000,00\u00a0€ abgerufen; zu verwenden bis 02.08.2025.');
  });

  it('opens the confirmation of a status change by keyboard and leaves it with Escape, changing nothing', async () => {
    await page.reload();
    await expect.poll(heading).toBe('Quartiersplanungskoordination Erfurt');
    await tabTo(page, /^Abschließen …$/, 80);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Förderung abschließen?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // The modal dialog holds the focus: its first button has it, Tab stays inside.
    expect((await focused(page)).name).toBe('Abbrechen');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Abschließen');

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await focused(page)).name).toBe('Abschließen …');
    expect(
      await page
        .locator('dt', { hasText: /^Status$/ })
        .locator('xpath=following-sibling::dd')
        .textContent(),
    ).toBe('Bewilligt');
  });
});
