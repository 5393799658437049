import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { focused, newPerson, onSignInPage, tabTo } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';

const suite = browserSuite();
let page: Page;

beforeAll(async () => {
  ({ page } = await newPerson(suite.browser));
});

describe('by keyboard alone', () => {
  it('Kim signs in, opens a task and logs progress without touching the mouse', async () => {
    await page.goto(suite.web.url);
    await onSignInPage(page);
    await tabTo(page, 'Kim Koordination');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Meine Aufgaben');

    await tabTo(page, 'Sozialraumanalyse aktualisieren');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Sozialraumanalyse aktualisieren');

    await tabTo(page, 'Fortschritt (%)');
    await page.keyboard.type('35');
    await tabTo(page, /^Stunden/);
    await page.keyboard.type('2,25');
    await tabTo(page, 'Notiz');
    await page.keyboard.type('Per Tastatur eingetragen');
    await tabTo(page, 'Fortschritt eintragen');
    await page.keyboard.press('Enter');

    const newest = page.getByRole('list', { name: 'Einträge, neueste zuerst' }).getByRole('listitem').first();
    await expect.poll(() => newest.textContent()).toContain('Per Tastatur eingetragen');
    expect(await newest.textContent()).toMatch(/35\s%, 2,25 Std\./);
  });

  it('reaches a refusal and its field from the alert by keyboard', async () => {
    await tabTo(page, 'Fortschritt (%)');
    await page.keyboard.type('10');
    await tabTo(page, 'Notiz');
    await page.keyboard.type('Weniger als zuvor');
    await tabTo(page, 'Fortschritt eintragen');
    await page.keyboard.press('Enter');

    // The alert takes the focus; its link leads to the field.
    await expect
      .poll(async () => (await page.evaluate(() => document.activeElement?.getAttribute('role'))) ?? '')
      .toBe('alert');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toMatch(
      /^Fortschritt \(%\): Der Fortschritt darf nicht unter 35 % sinken/,
    );
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).name).toBe('Fortschritt (%)');
  });
});
