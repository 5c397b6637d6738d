// Page model: the evidence of the item open in a run, and the evidence viewer dialog.
import type { Page } from '@playwright/test';

export class EvidenceViewerPage {
  constructor(private readonly page: Page) {}

  /** Attaches a file to the item open in the run's detail panel, through the file picker. */
  async attach(file: { name: string; mimeType: string; buffer: Buffer }) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page
      .locator('#run-item-detail')
      .getByRole('button', { name: 'Attach files…' })
      .click();
    await (await chooser).setFiles(file);
  }

  /** Clicks an attachment's tile, as a user opening the evidence does. */
  async open(name: string) {
    await this.page.getByRole('button', { name: `Open ${name}` }).click();
  }

  dialog(name: string) {
    return this.page.getByRole('dialog', { name });
  }

  photo(name: string) {
    return this.dialog(name).getByRole('img', { name: `Evidence photo ${name}` });
  }

  saveButton(name: string) {
    return this.dialog(name).getByRole('button', { name: 'Save a copy…' });
  }

  async close(name: string) {
    await this.dialog(name).getByRole('button', { name: 'Close' }).last().click();
  }
}
