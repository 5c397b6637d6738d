// Page models: the Sync screen (what waits, what went, what failed, Sync now), the sync items of the
// status bar, and the Hub panel in Settings (connect with an address and a one-time code).
import type { Page } from '@playwright/test';

export class SyncPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Sync' }).click();
  }

  waiting() {
    return this.page.getByRole('region', { name: /^Waiting/ });
  }

  sent() {
    return this.page.getByRole('region', { name: /^Sent/ });
  }

  failed() {
    return this.page.getByRole('region', { name: /^Failed/ });
  }

  async syncNow() {
    await this.page.getByRole('button', { name: 'Sync now' }).click();
  }

  lastSuccess() {
    return this.page.getByTestId('sync-last-success');
  }

  /** The status bar's queue length ("1 report waiting", "Nothing waiting"). */
  statusQueue() {
    return this.page.getByRole('contentinfo').getByTestId('sync-queue');
  }

  /** The status bar's last sync ("Synced …", "Not synced yet", "No hub"). */
  statusLastSync() {
    return this.page.getByRole('contentinfo').getByTestId('sync-last');
  }
}

export class HubPanel {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  }

  region() {
    return this.page.getByRole('region', { name: 'Hub' });
  }

  async connect(hubUrl: string, code: string) {
    await this.region().getByLabel('Hub address').fill(hubUrl);
    await this.region().getByLabel('One-time code').fill(code);
    await this.region().getByRole('button', { name: 'Connect' }).click();
  }

  connected() {
    return this.region().getByRole('status').filter({ hasText: 'Connected to' });
  }
}
