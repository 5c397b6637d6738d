// Page model: the Compare dashboard (tabs, the rollouts table, the section heatmap, lessons, CSV).
import type { Page } from '@playwright/test';

export class ComparePage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
  }

  async tab(name: 'Rollouts' | 'Sections' | 'Lessons learned' | 'SLA') {
    await this.page.getByRole('tab', { name }).click();
  }

  status() {
    return this.page.getByRole('status').filter({ hasText: /as of|No progress/ });
  }

  rolloutsTable() {
    return this.page.getByRole('table', { name: 'Rollouts by office and client' });
  }

  /** Data rows (the header row excluded). */
  rolloutRows() {
    return this.rolloutsTable().locator('tbody tr');
  }

  heatmap() {
    return this.page.getByRole('table', { name: /^Sections of / });
  }

  /** The template of the Sections and Lessons tabs. */
  async chooseTemplate(title: string) {
    await this.page.getByRole('button', { name: /Template/ }).click();
    await this.page.getByRole('option', { name: title }).click();
  }

  async sortBy(column: string) {
    await this.rolloutsTable().getByRole('button', { name: column }).click();
  }

  /** Clicks Export CSV and returns the downloaded file's text. */
  async exportCsv(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}
