// Shared runs end to end (issue 13): three laptops (three browser contexts, each its own IndexedDB)
// and a real hub on 127.0.0.1 (SQLite in a temporary folder). The owner, the office's ICT
// administrator, starts a client onboarding from a template the hub published, shares it and invites
// the network engineer and the server engineer from the people the hub knows. Both pull the run,
// go offline and tick their items; both also change the VPN item without seeing each other's change.
// They sync in different orders and end with the same run; the server engineer's item becomes
// "Ready for you" once the network item is done on the other laptop; the concurrent change shows as a
// conflict (both answers, who, when) on every laptop and is resolved once with "Keep this answer".
// The owner signs off; the hub verifies the report on ingest (every device's chain, the merged
// answers) and the CLI verifies the exported PDF against the hub's trust list; it names all three.
// Evidence travels too: the network engineer attaches a photo offline; the owner's first download
// of it breaks off (the file is named, "On Ravi Menon's laptop, not yet downloaded"), the next sync
// brings it, the owner opens it, and the signed report carries it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { SignedReport } from '../../core/reports';
import { readReportFile } from '../../cli/reports/read-report-file';
import { runReportVerify } from '../../cli/reports/verify-command';
import { createUser, issueCode } from '../../hub/enrollment';
import { publishDefinition } from '../../hub/publish-definition';
import { createHub } from '../../hub/server';
import { buildTrustList } from '../../hub/trust';
import type { HubStore } from '../../hub/store/hub-store';
import { openSqliteStore } from '../../hub/store/open-store';
import { test, expect, completeFirstRun, saveScreenshot } from './fixtures';
import { RunsPage } from './pages/runs-page';
import { EvidenceViewerPage } from './pages/evidence-viewer-page';
import { HubPanel, SyncPage } from './pages/sync-page';

// A step that cannot happen fails in seconds, not at the end of the test's five minutes.
test.use({ actionTimeout: 20_000 });

/** A real 1x1 PNG, the network engineer's photo of the firewall change. */
const PHOTO = {
  name: 'firewall-rules.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
};
/** Downloads of evidence files (not the list of them). */
const EVIDENCE_DOWNLOADS = '**/v1/runs/*/evidence/*';

const OFFICE = 'Dublin delivery centre';
const RUN = 'Nordwind Logistics onboarding';

/** A client onboarding cut to what the test needs: a network item the servers item waits on. */
const TEMPLATE = `id: mini-onboarding
version: 1.0.0
title: Mini client onboarding
kind: client-onboarding
changelog: First release, for the shared-runs test.
departments:
  - { id: tam, title: Technical account management }
  - { id: network, title: Network }
  - { id: unix, title: Unix servers }
sections:
  - id: network
    title: Network
    department: network
    items:
      - id: firewall-rules
        title: Firewall rules for the client ranges are in place
        type: check
        severity: blocking
        estimateMinutes: 60
        evidence: optional
      - id: vpn-tunnel
        title: Site-to-site VPN tunnel to the client is up
        type: check
        severity: major
        estimateMinutes: 30
  - id: servers
    title: Servers
    department: unix
    items:
      - id: servers-reachable
        title: Application servers reachable through the firewall
        type: check
        severity: blocking
        estimateMinutes: 30
        dependsOn: [firewall-rules]
      - id: os-patched
        title: Servers patched to the current baseline
        type: check
        severity: major
        estimateMinutes: 45
  - id: handover
    title: Hand-over
    department: tam
    items:
      - id: client-informed
        title: Client told the go-live date
        type: check
        severity: minor
`;

interface Person {
  name: string;
  code: string;
}

interface Laptop {
  page: Page;
  runs: RunsPage;
  sync: SyncPage;
  setOffline(offline: boolean): Promise<void>;
}

async function startHub() {
  const folder = mkdtempSync(join(tmpdir(), 'golive-shared-'));
  const store: HubStore = await openSqliteStore(join(folder, 'hub.sqlite'));
  const app = createHub({ store, limits: { rateLimitMax: 100_000 } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  const published = await publishDefinition(
    store,
    TEMPLATE,
    'mini-onboarding/1.0.0.yaml',
    new Date(),
  );
  if (!published.ok) throw new Error(published.problems.join('\n'));
  const enroll = async (
    input: Parameters<typeof createUser>[1] & { name: string },
  ): Promise<Person> => {
    const user = await createUser(store, input, new Date());
    return { name: input.name, code: (await issueCode(store, user, new Date())).code };
  };
  return {
    folder,
    url,
    store,
    enroll,
    stop: async () => {
      await app.close();
      await store.close();
    },
  };
}

/** A laptop: its own browser context (own IndexedDB), a profile, connected to the hub. */
async function laptop(
  browser: Browser,
  hubUrl: string,
  person: Person,
  own?: Page,
): Promise<Laptop> {
  const context = own ? own.context() : await browser.newContext();
  const page = own ?? (await context.newPage());
  // Engineers and coordinators use the app like an administrator; the hub knows their real role.
  await completeFirstRun(page, {
    name: person.name,
    role: 'Local ICT administrator',
    office: OFFICE,
  });
  const hubPanel = new HubPanel(page);
  await hubPanel.open();
  await hubPanel.connect(hubUrl, person.code);
  await expect(hubPanel.connected()).toContainText(`as ${person.name}`);
  const sync = new SyncPage(page);
  await expect(sync.statusLastSync()).toHaveText(/Synced/, { timeout: 20_000 });
  return {
    page,
    runs: new RunsPage(page),
    sync,
    setOffline: (offline) => context.setOffline(offline),
  };
}

/** Sync now on the Sync screen, and wait for the cycle to finish well. */
async function syncNow({ page, sync }: Laptop) {
  await sync.open();
  await sync.syncNow();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 20_000 });
  await expect(sync.statusLastSync()).toHaveText(/Synced/);
  await expect(page.getByRole('alert')).toHaveCount(0);
}

async function openRun({ page }: Laptop) {
  await page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
  await page.getByRole('link', { name: RUN, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: RUN })).toBeVisible();
}

/** An item's row, found through the search as a person does (the list renders rows in view). */
async function row(laptop: Laptop, itemId: string) {
  await laptop.runs.search(itemId);
  return laptop.runs.row(itemId);
}

async function filter({ page }: Laptop, option: string) {
  await page.getByRole('toolbar', { name: 'Views' }).getByRole('button', { name: /Show/ }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function tick(laptop: Laptop, itemId: string) {
  await laptop.runs.openItem(itemId);
  await laptop.runs.markDone();
  await expect(laptop.runs.row(itemId)).toContainText('Done');
}

/** The run's answers as this laptop's IndexedDB holds them: status and who, by item. */
function answersOf(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('go-live-checklists');
        open.onsuccess = () => {
          const request = open.result.transaction('answers').objectStore('answers').getAll();
          request.onsuccess = () => {
            const rows = request.result as {
              itemId: string;
              status: string;
              updatedBy: { name: string };
            }[];
            resolve(
              Object.fromEntries(
                rows
                  .map((row) => [row.itemId, `${row.status} by ${row.updatedBy.name}`] as const)
                  .sort(([a], [b]) => a.localeCompare(b)),
              ),
            );
          };
          request.onerror = () => reject(request.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

test('three laptops work one run offline, merge, resolve a conflict, and the owner signs off', async ({
  browser,
  page,
}, testInfo) => {
  test.setTimeout(420_000);
  const hub = await startHub();
  try {
    const ownerPerson = await hub.enroll({ name: 'Siobhán Byrne', role: 'admin', office: OFFICE });
    const networkPerson = await hub.enroll({
      name: 'Ravi Menon',
      role: 'engineer',
      office: OFFICE,
      departments: ['network'],
    });
    const serverPerson = await hub.enroll({
      name: 'Lena Fischer',
      role: 'engineer',
      office: OFFICE,
      departments: ['unix'],
    });
    // The owner drives the test's own page (no blank page left for the accessibility check).
    const owner = await laptop(browser, hub.url, ownerPerson, page);
    const network = await laptop(browser, hub.url, networkPerson);
    const server = await laptop(browser, hub.url, serverPerson);

    // The owner starts the run from the template the hub published, and shares it.
    await owner.page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
    await owner.runs.startRun({
      template: 'Mini client onboarding',
      name: RUN,
      goLive: '2026-12-14',
    });
    await owner.page.getByRole('button', { name: 'Share…' }).click();
    const shareDialog = owner.page.getByRole('dialog', { name: `Share ${RUN}` });
    const people = shareDialog.getByRole('list', { name: 'People the hub knows' });
    // Click the visible names, as a person does; React Aria keeps the checkbox input hidden.
    for (const name of ['Ravi Menon', 'Lena Fischer']) {
      await people.getByText(name, { exact: true }).click();
      await expect(people.getByRole('checkbox', { name })).toBeChecked();
    }
    // Each chosen person's departments on the run start from their own.
    await expect(
      shareDialog
        .getByRole('group', { name: 'Departments of Lena Fischer on this run' })
        .getByRole('checkbox', { name: 'Unix servers' }),
    ).toBeChecked();
    await saveScreenshot(owner.page, testInfo, 'shared-runs-share-dialog');
    await shareDialog.getByRole('button', { name: 'Share with 2 people' }).click();
    // Shared: the same dialog is now the run's team.
    const teamDialog = owner.page.getByRole('dialog', { name: `Team of ${RUN}` });
    await expect(
      teamDialog.getByRole('status').filter({ hasText: 'Shared with 2 people' }),
    ).toBeVisible();
    const members = teamDialog.getByRole('table', { name: 'Members' });
    await expect(members.getByRole('row', { name: /Ravi Menon/ })).toContainText('Network');
    await expect(members.getByRole('row', { name: /Lena Fischer/ })).toContainText('Unix servers');
    await saveScreenshot(owner.page, testInfo, 'shared-runs-team-dialog');
    await teamDialog.getByRole('button', { name: 'Close' }).click();
    await expect(owner.page.getByRole('button', { name: 'Team · 2 members' })).toBeVisible();

    // The members pull the run on their next sync, then work with no network.
    for (const member of [network, server]) {
      await syncNow(member);
      await member.page.getByRole('navigation').getByRole('link', { name: 'Runs' }).click();
      await expect(member.runs.listRow(RUN)).toContainText('Shared');
      await expect(member.runs.listRow(RUN)).toContainText('owner Siobhán Byrne');
      await openRun(member);
      await member.setOffline(true);
    }

    // "My department": the engineer's departments on this run, as the hub gave them.
    await filter(server, 'My department');
    await expect(server.runs.row('os-patched')).toBeVisible();
    await expect(server.runs.row('servers-reachable')).toBeVisible();
    await expect(server.runs.row('firewall-rules')).toHaveCount(0);
    await filter(server, 'All items');

    // The network engineer photographs the firewall change and attaches it, offline.
    await network.runs.openItem('firewall-rules');
    await new EvidenceViewerPage(network.page).attach(PHOTO);
    await expect(
      network.runs.detail().getByRole('button', { name: `Open ${PHOTO.name}` }),
    ).toBeVisible();
    await tick(network, 'firewall-rules');
    await tick(network, 'vpn-tunnel');
    await tick(server, 'os-patched');
    // The servers item waits on the network item, not done on this laptop yet.
    await server.runs.openItem('servers-reachable');
    await server.runs.markDone();
    await expect(server.runs.errorMessage()).toContainText('is waiting on');
    // The server engineer, not having seen the network engineer's tick, finds the tunnel down.
    await server.runs.openItem('vpn-tunnel');
    await server.runs.markWithReason('Blocked…', 'Tunnel drops every ten minutes');

    // The owner's downloads of the photo break off from now on (the owner's app also syncs on its
    // own in the background, so this must be in place before the photo reaches the hub).
    await owner.page.route(EVIDENCE_DOWNLOADS, (route) => route.abort('connectionreset'));

    // Back online, in different orders: the server engineer first, then the network engineer.
    await server.setOffline(false);
    await syncNow(server);
    await network.setOffline(false);
    await syncNow(network);
    await syncNow(server);

    // The hand-off: the servers item is ready for its engineer, unblocked on the other laptop.
    await openRun(server);
    const ready = server.page.getByRole('region', { name: 'Ready for you: 1 item' });
    await expect(ready).toContainText('Application servers reachable through the firewall');
    await expect(ready).toContainText('finished by Ravi Menon');
    await expect(await row(server, 'servers-reachable')).toContainText('Ready for you');

    // The concurrent change is a conflict on every laptop, with both answers, who and when. The
    // owner's download of the photo breaks off on this sync: the events arrive all the same.
    await owner.sync.open();
    await owner.sync.syncNow();
    await expect(owner.page.getByRole('button', { name: 'Sync now' })).toBeEnabled({
      timeout: 20_000,
    });
    for (const laptopOf of [owner, network, server]) {
      await openRun(laptopOf);
      await expect(await row(laptopOf, 'vpn-tunnel')).toContainText('Conflict');
    }
    await owner.runs.openItem('firewall-rules');
    await expect(owner.runs.detail()).toContainText("On Ravi Menon's laptop, not yet downloaded");
    await expect(owner.runs.detail()).toContainText(PHOTO.name);
    await saveScreenshot(owner.page, testInfo, 'shared-runs-evidence-pending');
    // A conflict on the run holds the sign-off until someone chooses.
    await expect(owner.page.getByRole('button', { name: 'Sign off…' })).toBeDisabled();
    await owner.runs.openItem('vpn-tunnel');
    const conflict = owner.runs.detail().getByRole('region', { name: /Conflict/ });
    await expect(conflict.getByRole('heading', { name: /Answer by Ravi Menon/ })).toBeVisible();
    await expect(conflict.getByRole('heading', { name: /Answer by Lena Fischer/ })).toBeVisible();
    await expect(conflict).toContainText('Tunnel drops every ten minutes');
    await saveScreenshot(owner.page, testInfo, 'shared-runs-conflict');
    await owner.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(owner.page, testInfo, 'shared-runs-conflict-dark');
    await owner.page.emulateMedia({ colorScheme: 'light' });
    // The owner keeps the network engineer's answer: a resolution event, synced like any other.
    await conflict
      .getByRole('listitem')
      .filter({ has: owner.page.getByRole('heading', { name: /Answer by Ravi Menon/ }) })
      .getByRole('button', { name: 'Keep this answer' })
      .click();
    await expect(conflict).toBeHidden();
    await expect(owner.runs.row('vpn-tunnel')).toContainText('Done');

    await tick(server, 'servers-reachable');
    await tick(owner, 'client-informed');
    await syncNow(owner);
    await syncNow(server);
    await syncNow(network);
    await syncNow(owner);

    // Signing off now would leave the photo out: the dialog names it, who attached it, and offers
    // to fetch it; the owner cancels and waits for it.
    await openRun(owner);
    await owner.page.getByRole('button', { name: 'Sign off…' }).click();
    const early = owner.page.getByRole('dialog');
    await expect(early).toContainText('1 file is not on this device');
    await expect(early).toContainText(PHOTO.name);
    await expect(early).toContainText('attached by Ravi Menon');
    await expect(early.getByRole('button', { name: 'Sign off without 1 file' })).toBeVisible();
    await expect(early.getByRole('button', { name: 'Sign off', exact: true })).toHaveCount(0);
    await saveScreenshot(owner.page, testInfo, 'shared-runs-signoff-missing-file');
    await early.getByRole('button', { name: 'Cancel' }).click();
    await expect(early).toBeHidden();

    // The next sync brings the photo (downloads work again; automatic retries failed until now):
    // the owner opens it, decoded for real.
    await owner.page.unroute(EVIDENCE_DOWNLOADS);
    await syncNow(owner);
    await openRun(owner);
    await owner.runs.openItem('firewall-rules');
    const viewer = new EvidenceViewerPage(owner.page);
    await viewer.open(PHOTO.name);
    await expect(viewer.photo(PHOTO.name)).toBeVisible();
    await owner.page.keyboard.press('Escape');
    await expect(viewer.dialog(PHOTO.name)).toBeHidden();

    // Same events, same run, on all three laptops.
    const expected = {
      'client-informed': 'done by Siobhán Byrne',
      'firewall-rules': 'done by Ravi Menon',
      'os-patched': 'done by Lena Fischer',
      'servers-reachable': 'done by Lena Fischer',
      'vpn-tunnel': 'done by Siobhán Byrne',
    };
    for (const laptopOf of [owner, network, server]) {
      await openRun(laptopOf);
      await expect(await row(laptopOf, 'vpn-tunnel')).not.toContainText('Conflict');
      expect(await answersOf(laptopOf.page)).toEqual(expected);
    }

    // The coordinator's chain view: every department done, from everyone's work.
    await owner.page.getByRole('tab', { name: 'Department chain' }).click();
    const chain = owner.page.getByRole('table', { name: 'Department chain' });
    await expect(chain.getByRole('row', { name: /Network/ })).toContainText('2 of 2');
    await expect(chain.getByRole('row', { name: /Unix servers/ })).toContainText('2 of 2');
    await saveScreenshot(owner.page, testInfo, 'shared-runs-chain');
    await owner.page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(owner.page, testInfo, 'shared-runs-chain-dark');
    await owner.page.emulateMedia({ colorScheme: 'light' });
    await owner.page.getByRole('tab', { name: 'Checklist' }).click();

    // Only the owner signs off; engineers have no sign-off to press.
    await expect(network.page.getByRole('button', { name: 'Sign off…' })).toBeDisabled();
    await owner.page.getByRole('button', { name: 'Sign off…' }).click();
    const signDialog = owner.page.getByRole('dialog');
    await signDialog
      .getByLabel('Lessons learned')
      .fill('Agree the VPN test window with the client.');
    await signDialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(owner.page.getByText(/Signed off by Siobhán Byrne/)).toBeVisible();

    // The hub verifies the report on ingest: every device's chain and the merged answers.
    // The report enters the outbox as the sign-off finishes; a sync that began just before that
    // takes it on the next round, as pressing Sync now again would.
    await expect(async () => {
      await syncNow(owner);
      expect(await hub.store.listReports('all')).toHaveLength(1);
    }).toPass({ timeout: 60_000 });

    // The owner exports the PDF from the signed run.
    await openRun(owner);

    const download = owner.page.waitForEvent('download');
    await owner.page.getByRole('button', { name: /Export PDF/ }).click();
    const file = await download;
    const pdf = join(hub.folder, file.suggestedFilename());
    await file.saveAs(pdf);
    // The hub's trust list, as GET /v1/trust-list serves it to every enrolled device.
    const trustFile = join(hub.folder, 'trust-list.json');
    writeFileSync(trustFile, JSON.stringify(await buildTrustList(hub.store)));
    const verified = await runReportVerify([pdf, '--trust', trustFile], { cwd: hub.folder });
    expect(verified.stdout.join('\n')).toMatch(/^VALID/);
    expect(verified.exitCode).toBe(0);

    // The report carries three devices' chains and names all three people.
    const read = await readReportFile(pdf, hub.folder);
    if (!read.ok) throw new Error(read.problems.join('\n'));
    const { body } = read.report as SignedReport;
    expect(body.history?.chains).toHaveLength(3);
    const names = new Set(
      body.sections.flatMap((section) => section.items.map((item) => item.updatedBy?.name)),
    );
    expect([...names].sort()).toEqual(['Lena Fischer', 'Ravi Menon', 'Siobhán Byrne']);
    // The network engineer's photo is in the signed report, and its bytes went to the hub with it.
    const firewall = body.sections
      .flatMap((section) => section.items)
      .find((item) => item.id === 'firewall-rules');
    expect(firewall?.attachments.map((attachment) => attachment.name)).toEqual([PHOTO.name]);
    const held = await hub.store.sharedRuns.evidence(body.run.id);
    expect(held).toEqual([
      { sha256: firewall?.attachments[0]?.sha256, size: PHOTO.buffer.length, held: true },
    ]);
  } finally {
    await hub.stop();
  }
});
