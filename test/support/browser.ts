import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { CHROMIUM_ARGS } from './chromium.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: inject('chromiumPath'), headless: true, args: CHROMIUM_ARGS });
}

/** A German desktop browser; every Content-Security-Policy refusal is collected, to be asserted empty. */
export async function newPerson(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; cspViolations: string[] }> {
  const context = await browser.newContext({
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
  return { context, page, cspViolations };
}

/** The ID token the app keeps in the tab's sessionStorage (oidc-client-ts's user record). */
export function storedIdToken(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((name) => name.startsWith('oidc.user:'));
    return key
      ? ((JSON.parse(sessionStorage.getItem(key) ?? '{}') as { id_token?: string }).id_token ?? null)
      : null;
  });
}

/** Waits until the app has sent the browser on to the local sign-in page. */
export async function onSignInPage(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
  await page.waitForLoadState('load');
}

/** On the local sign-in page: the button named after the person. */
export async function signInAs(page: Page, name: string): Promise<void> {
  await onSignInPage(page);
  await page.getByRole('button', { name, exact: true }).click();
}

/** What has the focus: its accessible text and whether a focus outline is drawn. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : undefined;
    const style = element ? getComputedStyle(element) : undefined;
    return {
      name: (label ?? element?.textContent ?? '').trim(),
      outline: style ? style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2 : false,
    };
  });

/**
 * Presses Tab (at most `most` times) until the element named `name` has the focus, and checks the
 * focus can be seen.
 */
export async function tabTo(page: Page, name: string | RegExp, most = 40): Promise<void> {
  for (let presses = 0; presses < most; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) {
      expect(now.outline, `a visible focus outline on “${now.name}”`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached “${String(name)}”`);
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA, which BITV 2.0 requires of public bodies. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails with every violation, its rule, its help
 * text and the elements. Injected through the DevTools protocol, which the page's CSP does not
 * govern, so the page keeps its real policy.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: Document,
            options: unknown,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => ({
      rule: violation.id,
      help: violation.help,
      targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    }));
  }, WCAG_21_AA);
  expect(violations, `axe-core WCAG 2.1 AA violations on ${what}`).toEqual([]);
}

const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/**
 * Where pictures for the README go: `npm run screenshots` (SCREENSHOTS=update) writes them into
 * docs/screenshots; an ordinary test run writes them to a temporary folder, so `npm test` leaves
 * the working tree as it was.
 */
async function pictureFolder(): Promise<string> {
  const folder =
    process.env.SCREENSHOTS === 'update' ? SCREENSHOTS : join(tmpdir(), 'foerdertracker-screenshots');
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Takes a screenshot for the README: of the whole page, or of one part of a long one. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  const path = join(await pictureFolder(), `${name}.png`);
  await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: true }));
}

/** Keeps a file the README links to (the printed status report), beside the screenshots. */
export async function keepForReadme(name: string, bytes: Uint8Array): Promise<void> {
  await writeFile(join(await pictureFolder(), name), bytes);
}
