import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPerson, screenshot, signInAs } from '../support/browser.ts';
import { ANNA, type ErfurtGrant, recordErfurtGrant } from '../support/erfurt-grant.ts';
import { type OutboxMail, readOutbox } from '../support/outbox.ts';
import { expectOk, startWebService, type WebService } from '../support/web-service.ts';

/**
 * The daily digest as Anna reads it: the reminder job's e-mail for 1 June 2026 on the README's
 * Erfurt case, its HTML part opened in Chromium, and one of its links followed while signed out.
 */
let web: WebService;
let browser: Browser;
let grant: ErfurtGrant;
let digest: OutboxMail;

beforeAll(async () => {
  web = await startWebService();
  grant = await recordErfurtGrant(web);
  const admin = await web.as('admin', 'admin@erfurt.example');
  await expectOk(admin.POST('/v1/reminders/run', { body: { date: '2026-06-01' } }));
  const mails = await readOutbox(web.service.outboxDir);
  digest = mails.find((mail) => mail.to === ANNA.email)!;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
});

/** The digest's HTML part in a fresh German browser tab. */
async function openDigest() {
  const person = await newPerson(browser);
  await person.page.setContent(String(digest.mail.html), { waitUntil: 'load' });
  return person;
}

describe('the daily digest, seen as a person sees it', () => {
  it('is accessible (WCAG 2.1 AA) and says what is at stake for the money not spent in time', async () => {
    const { page } = await openDigest();

    await expectAccessible(page, 'the digest e-mail');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Ihre Fristen am 01.06.2026');
    const body = (await page.locator('body').innerText()).replace(/\u00a0/g, ' ');
    // The first call (50.000 € received 06.03.2023) was due to be spent by 06.05.2023.
    expect(body).toContain('Noch zu verwenden: 50.000,00 €');
    // § 49a (4) VwVfG on the 50.000 € received 06.03.2023, to 01.06.2026.
    expect(body).toContain('Zinsen bis heute (§ 49a Abs. 4 VwVfG): 12.046,38 €');
    // The end of the position's funding is an event: announced, never overdue.
    expect(body).toContain('Termin am 30.06.2026');
    await screenshot(page, 'digest');
  });

  it('carries the same links as the text part, each opening a page of the web app, none the API', async () => {
    const { page } = await openDigest();

    const links = await page
      .locator('a[href]')
      .evaluateAll((anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThan(2);
    for (const link of links) {
      const url = new URL(link);
      expect(url.origin).toBe(web.url);
      expect(url.pathname).toMatch(/^\/(antraege|stellen|aufgaben|konzepte)\/[^/]+$|^\/fristen$/);
      expect(digest.mail.text).toContain(link);
    }
    expect(links).toContain(
      `${web.url}/antraege/${grant.application.id}#frist-${grant.application.id}.final_report`,
    );
    expect(links).toContain(`${web.url}/fristen`);
  });

  it('sends a reader who is not signed in through sign-in to the page of the deadline', async () => {
    const { page } = await openDigest();
    const link = page.locator(`a[href$="#frist-${grant.application.id}.final_report"]`).first();

    await link.click();
    await signInAs(page, ANNA.name);

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Quartiersplanungskoordination Erfurt');
    const landed = new URL(page.url());
    expect(landed.pathname).toBe(`/antraege/${grant.application.id}`);
    expect(landed.hash).toBe(`#frist-${grant.application.id}.final_report`);
  });
});
