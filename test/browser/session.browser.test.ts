import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, newPerson, signInAs, storedIdToken } from '../support/browser.ts';
import { type BrowserSuite, browserSuite } from '../support/browser-suite.ts';

const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** A service whose ID tokens live a few seconds, and Kim on her overdue task. */
function withShortTokens(lifetimes: { idToken: number; refreshToken: number }) {
  const suite = browserSuite({ tokenLifetimes: lifetimes });
  const session = suite as BrowserSuite & { page: Page };
  beforeAll(async () => {
    ({ page: session.page } = await newPerson(suite.browser));
    await session.page.goto(`${suite.web.url}/aufgaben/${suite.world.tasks.overdue.id}`);
    await signInAs(session.page, 'Kim Koordination');
    await session.page.getByRole('heading', { level: 1, name: 'Sozialraumanalyse aktualisieren' }).waitFor();
  });
  return session;
}

async function fillProgress(page: Page, percent: string, note: string) {
  await page.getByLabel('Fortschritt (%)').fill(percent);
  await page.getByLabel('Notiz').fill(note);
}

describe('an expired ID token', () => {
  const session = withShortTokens({ idToken: 3, refreshToken: 3600 });

  it('is renewed with the refresh token when a request needs it, unnoticed', async () => {
    const { page } = session;
    const before = await storedIdToken(page);
    await pause(4);

    await fillProgress(page, '30', 'Nach Ablauf des ID-Tokens eingetragen');
    await page.getByRole('button', { name: 'Fortschritt eintragen' }).click();

    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Fortschritt eingetragen' }).count())
      .toBe(1);
    expect(await storedIdToken(page)).not.toBe(before);
    expect(await page.getByRole('button', { name: 'Erneut anmelden' }).count()).toBe(0);
  });
});

describe('a session that can no longer be renewed', () => {
  const session = withShortTokens({ idToken: 3, refreshToken: 5 });

  it('asks to sign in again, keeps what was typed, and the entry goes through afterwards', async () => {
    const { page, web, world } = session;
    await fillProgress(page, '40', 'Getippt, bevor die Sitzung ablief');
    await pause(7);
    await page.getByRole('button', { name: 'Fortschritt eintragen' }).click();

    const notice = page
      .getByRole('alert')
      .filter({ has: page.getByRole('button', { name: 'Erneut anmelden' }) });
    await expect.poll(() => notice.textContent()).toContain('Ihre Sitzung ist abgelaufen.');
    expect(await page.getByLabel('Notiz').inputValue()).toBe('Getippt, bevor die Sitzung ablief');
    await expectAccessible(page, 'the task page asking to sign in again');

    await page.getByRole('button', { name: 'Erneut anmelden' }).click();
    // The provider still knows Kim: she comes straight back, or picks herself once more.
    await page.waitForURL(
      (url) =>
        url.pathname === `/aufgaben/${world.tasks.overdue.id}` || url.pathname.startsWith('/interaction/'),
    );
    if (new URL(page.url()).pathname.startsWith('/interaction/')) await signInAs(page, 'Kim Koordination');
    await expect.poll(() => page.url()).toBe(`${web.url}/aufgaben/${world.tasks.overdue.id}`);

    await expect.poll(() => page.getByLabel('Notiz').inputValue()).toBe('Getippt, bevor die Sitzung ablief');
    expect(await page.getByLabel('Fortschritt (%)').inputValue()).toBe('40');
    await page.getByRole('button', { name: 'Fortschritt eintragen' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Fortschritt eingetragen: 40 %' }).count())
      .toBe(1);
  });
});
