import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../client/index.ts';
import { expectAccessible, focused, newPerson, onSignInPage, signInAs, tabTo } from '../support/browser.ts';
import { browserSuite } from '../support/browser-suite.ts';
import { ANNA, type ErfurtGrant, recordErfurtGrant } from '../support/erfurt-grant.ts';
import { expectOk } from '../support/web-service.ts';

// The deadlines on a record's page, where the reminder e-mails link to: Anna's Erfurt grant (its
// final statement of use due 30.06.2026, overdue by now) and Kim's overdue task.
const suite = browserSuite();
let grant: ErfurtGrant;
let anna: ApiClient;
let finalId: string;
let page: Page;

const TITLE = 'Quartiersplanungskoordination Erfurt';
const heading = () => page.getByRole('heading', { level: 1 });
/** A deadline's element; its id holds dots, so it is found by attribute, not as `#id`. */
const deadlineOn = (on: Page, id: string) => on.locator(`[id="frist-${id}"]`);
const byId = (on: Page, id: string) => on.locator(`[id="${id}"]`);
const focusedId = (on: Page) => on.evaluate(() => document.activeElement?.id ?? '');
const inView = (element: Locator) =>
  element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight
      ? true
      : `top ${box.top}, scrollY ${window.scrollY}, height ${document.body.scrollHeight}`;
  });

beforeAll(async () => {
  grant = await recordErfurtGrant(suite.web);
  anna = await suite.web.as('finance', ANNA.email);
  const { items } = await expectOk(
    anna.GET('/v1/deadlines', {
      params: { query: { subjectType: 'application', subjectId: grant.application.id, limit: 100 } },
    }),
  );
  finalId = items.find((deadline) => deadline.kind === 'final_report')!.id;
});

describe('a link from a reminder e-mail, opened signed out', () => {
  it('goes through sign-in and lands on the deadline: scrolled to it, focus on it', async () => {
    ({ page } = await newPerson(suite.browser));
    const link = `${suite.web.url}/antraege/${grant.application.id}#frist-${finalId}`;
    await page.goto(link);
    await onSignInPage(page);
    await signInAs(page, 'Anna Finanz');

    await expect.poll(() => heading().textContent()).toBe(TITLE);
    const url = new URL(page.url());
    expect(`${url.pathname}${url.hash}`).toBe(`/antraege/${grant.application.id}#frist-${finalId}`);
    await expect.poll(() => focusedId(page)).toBe(`frist-${finalId}`);
    const deadline = deadlineOn(page, finalId);
    expect(await inView(deadline)).toBe(true);
    expect(await deadline.getByRole('heading').textContent()).toBe('30.06.2026 · Verwendungsnachweis');
    expect(await deadline.textContent()).toContain('Überfällig');
  });

  it('shows each deadline of the grant: dates the German way, events as Termin, money at stake for spend-by', async () => {
    const section = page.getByRole('region', { name: 'Fristen' });
    const titles = await section.getByRole('heading', { level: 3 }).allTextContents();
    expect(titles).toEqual(
      expect.arrayContaining([
        '31.10.2022 · Antrag einreichen',
        '06.05.2023 · Abgerufene Mittel verwenden',
        '31.12.2025 · Ende des BewilligungszeitraumsTermin',
        '30.06.2026 · Verwendungsnachweis',
      ]),
    );
    const spendBy = section
      .getByRole('listitem')
      .filter({ hasText: '06.05.2023 · Abgerufene Mittel verwenden' });
    expect((await spendBy.textContent())?.replaceAll('\u00a0', ' ')).toContain('Betrag: 50.000,00 €');
    expect((await spendBy.textContent())?.replaceAll('\u00a0', ' ')).toMatch(
      /Zinsen im Risiko \(bis heute\): [1-9][\d.]*,\d\d €/,
    );
    await expectAccessible(page, "the application's deadlines");
  });
});

describe('Anna sets the reminder days of the final statement of use', () => {
  it('"Erinnern 30, 7 Tage vorher" is kept: after a reload and in the API', async () => {
    const deadline = deadlineOn(page, finalId);
    await deadline.getByLabel('Erinnern … Tage vorher').fill('30, 7');
    await deadline.getByRole('button', { name: 'Erinnerung speichern' }).click();
    await expect
      .poll(() => deadline.getByRole('status').textContent())
      .toBe('Gespeichert: Erinnerung 30 und 7 Tage vorher.');
    const stored = await expectOk(anna.GET('/v1/deadlines/{id}', { params: { path: { id: finalId } } }));
    expect(stored.reminderOffsets).toEqual([30, 7]);

    await page.reload();
    await expect.poll(() => deadlineOn(page, finalId).count()).toBe(1);
    expect(await deadlineOn(page, finalId).getByLabel('Erinnern … Tage vorher').inputValue()).toBe('30, 7');
  });

  it('refuses "abc" and "400" in German next to the field, and keeps what she typed', async () => {
    const deadline = deadlineOn(page, finalId);
    const field = deadline.getByLabel('Erinnern … Tage vorher');
    const error = byId(page, `erinnern-${finalId}-fehler`);

    await field.fill('abc');
    await deadline.getByRole('button', { name: 'Erinnerung speichern' }).click();
    await expect.poll(() => error.count()).toBe(1);
    expect(await error.textContent()).toBe('Bitte eine Zahl eingeben.');
    expect(await deadline.getByRole('alert').textContent()).toContain('Die Erinnerung wurde nicht geändert.');
    expect(await field.inputValue()).toBe('abc');
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    await field.fill('30, 400');
    await deadline.getByRole('button', { name: 'Erinnerung speichern' }).click();
    await expect.poll(() => error.textContent()).toBe('Höchstens 366 Tage vorher.');
    expect(await field.inputValue()).toBe('30, 400');
    await expectAccessible(page, 'a refused reminder field');

    const stored = await expectOk(anna.GET('/v1/deadlines/{id}', { params: { path: { id: finalId } } }));
    expect(stored.reminderOffsets).toEqual([30, 7]);
  });

  it('goes back to the standard days', async () => {
    const deadline = deadlineOn(page, finalId);
    await deadline.getByRole('button', { name: 'Standard-Erinnerung wiederherstellen' }).click();
    await expect
      .poll(() => deadline.getByRole('status').textContent())
      .toContain('Standard wiederhergestellt');
    const stored = await expectOk(anna.GET('/v1/deadlines/{id}', { params: { path: { id: finalId } } }));
    expect(stored.offsets).toBeUndefined();
    expect(stored.reminderOffsets).toEqual([30, 14, 7, 1, 0]);
    expect(await deadline.getByLabel('Erinnern … Tage vorher').inputValue()).toBe('30, 14, 7, 1, 0');
  });
});

describe('Anna marks the final statement of use submitted where she reads it', () => {
  it('"Erledigt" with the day it went out, after a confirmation dialog: the deadline is done, the statement submitted', async () => {
    const deadline = deadlineOn(page, finalId);
    await deadline.getByLabel('Eingereicht am').fill('20.11.2026');
    await deadline.getByRole('button', { name: 'Erledigt …' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toBe('Frist als erledigt erfassen?');
    expect(await dialog.textContent()).toContain(
      'Der Verwendungsnachweis wird als am 20.11.2026 eingereicht erfasst.',
    );
    await expectAccessible(page, 'the confirmation dialog of a deadline done');
    await dialog.getByRole('button', { name: 'Erledigt', exact: true }).click();

    await expect
      .poll(() => deadline.getByRole('status').textContent())
      .toContain('Erledigt: Verwendungsnachweis');
    await expect.poll(() => deadline.textContent()).toContain('Status: Erledigt');
    expect(await deadline.getByRole('button', { name: 'Erledigt …' }).count()).toBe(0);
    expect(await focusedId(page)).toBe(`frist-${finalId}`);

    const stored = await expectOk(anna.GET('/v1/deadlines/{id}', { params: { path: { id: finalId } } }));
    expect(stored.status).toBe('done');
    const reports = await expectOk(
      anna.GET('/v1/applications/{id}/reports', { params: { path: { id: grant.application.id } } }),
    );
    expect(reports.items.find((report) => report.id === 'final')).toMatchObject({
      status: 'submitted',
      submittedOn: '2026-11-20',
    });
    await expectAccessible(page, 'the application page after a deadline was done');
  });
});

describe('someone who does not own a deadline', () => {
  it('Lea reads the reminder days; no field, no button', async () => {
    const { page: lea } = await newPerson(suite.browser);
    await lea.goto(`${suite.web.url}/antraege/${grant.application.id}`);
    await signInAs(lea, 'Lea Leitung');
    const interim = lea
      .getByRole('region', { name: 'Fristen' })
      .getByRole('listitem')
      .filter({ hasText: '30.04.2025 · Zwischennachweis' });
    await expect.poll(() => interim.count()).toBe(1);
    expect(await interim.textContent()).toContain('Erinnerung: 30, 14, 7 und 1 Tag vorher und am Tag selbst');
    expect(await interim.getByRole('textbox').count()).toBe(0);
    expect(await interim.getByRole('button').count()).toBe(0);
  });
});

describe('Kim marks her task done from the task page', () => {
  it('"Erledigt" on the task deadline closes the task', async () => {
    const { page: kimsPage } = await newPerson(suite.browser);
    const task = suite.world.tasks.overdue;
    const kim = await suite.web.as('coordinator', 'kim.koordination@erfurt.example');
    const { items } = await expectOk(
      kim.GET('/v1/deadlines', { params: { query: { subjectType: 'task', subjectId: task.id } } }),
    );
    const taskDeadline = items.find((deadline) => deadline.kind === 'task_due')!;
    await kimsPage.goto(`${suite.web.url}${taskDeadline.subject.page}`);
    await signInAs(kimsPage, 'Kim Koordination');
    await expect.poll(() => focusedId(kimsPage)).toBe(`frist-${taskDeadline.id}`);
    const deadline = deadlineOn(kimsPage, taskDeadline.id);
    expect(await deadline.getByLabel('Eingereicht am').count()).toBe(0);
    await expectAccessible(kimsPage, "the task page's deadlines");

    await deadline.getByRole('button', { name: 'Erledigt …' }).click();
    const dialog = kimsPage.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Die Aufgabe wird als erledigt erfasst.');
    await dialog.getByRole('button', { name: 'Erledigt', exact: true }).click();
    await expect.poll(() => deadline.textContent()).toContain('Status: Erledigt');
    const stored = await expectOk(kim.GET('/v1/tasks/{id}', { params: { path: { id: task.id } } }));
    expect(stored.status).toBe('done');
  });
});

describe('by keyboard alone', () => {
  it('Kim sets her reminder days and opens and leaves "Erledigt" without the mouse', async () => {
    const { page: kimsPage } = await newPerson(suite.browser);
    const task = suite.world.tasks.nextMonth;
    const kim = await suite.web.as('coordinator', 'kim.koordination@erfurt.example');
    const { items } = await expectOk(
      kim.GET('/v1/deadlines', { params: { query: { subjectType: 'task', subjectId: task.id } } }),
    );
    const taskDeadline = items.find((deadline) => deadline.kind === 'task_due')!;
    await kimsPage.goto(`${suite.web.url}${taskDeadline.subject.page}`);
    await onSignInPage(kimsPage);
    await tabTo(kimsPage, 'Kim Koordination');
    await kimsPage.keyboard.press('Enter');
    await expect.poll(() => focusedId(kimsPage)).toBe(`frist-${taskDeadline.id}`);

    await tabTo(kimsPage, 'Erinnern … Tage vorher');
    await kimsPage.keyboard.press('Control+A');
    await kimsPage.keyboard.type('10, 1');
    await tabTo(kimsPage, 'Erinnerung speichern');
    await kimsPage.keyboard.press('Enter');
    await expect
      .poll(async () => {
        const read = await expectOk(
          kim.GET('/v1/deadlines/{id}', { params: { path: { id: taskDeadline.id } } }),
        );
        return read.reminderOffsets;
      })
      .toEqual([10, 1]);

    await tabTo(kimsPage, 'Erledigt …');
    await kimsPage.keyboard.press('Enter');
    const dialog = kimsPage.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await kimsPage.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await kimsPage.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await focused(kimsPage)).name).toBe('Erledigt …');
    const stored = await expectOk(kim.GET('/v1/tasks/{id}', { params: { path: { id: task.id } } }));
    expect(stored.status).not.toBe('done');
  });
});
