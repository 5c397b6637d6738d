// Page model: the Templates screens (the list, one version, import, and compare versions).
import type { Page } from '@playwright/test';

export interface TemplateFile {
  name: string;
  content: string;
}

export class TemplatesPage {
  constructor(private readonly page: Page) {}

  table() {
    return this.page.getByRole('table', { name: 'Templates on this device' });
  }

  /** The body rows of the list, one per template. */
  rows() {
    return this.table().locator('tbody').getByRole('row');
  }

  row(title: string) {
    return this.rows().filter({ has: this.page.getByRole('rowheader', { name: title }) });
  }

  versionLinks(title: string) {
    return this.page.getByRole('list', { name: `Versions of ${title}` }).getByRole('link');
  }

  async openVersion(title: string, version: string) {
    await this.versionLinks(title).getByText(version, { exact: true }).click();
  }

  async compareVersions(title: string) {
    await this.page.getByRole('link', { name: `Compare versions of ${title}` }).click();
  }

  /** Imports a file as a person does: the Import button, then the file chooser. */
  async importFile(file: TemplateFile) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import template…' }).click();
    await (
      await chooser
    ).setFiles({
      name: file.name,
      mimeType: 'application/yaml',
      buffer: Buffer.from(file.content),
    });
  }

  importAlert() {
    return this.page.getByRole('alertdialog');
  }

  async closeImportAlert() {
    await this.importAlert().getByRole('button', { name: 'Close' }).click();
  }

  status() {
    return this.page.getByRole('main').getByRole('status');
  }

  versionNavigation() {
    return this.page.getByRole('navigation', { name: 'Versions' });
  }

  items() {
    return this.page.getByRole('table', { name: /^Items of / });
  }

  /** A row of the items table, found by the item's id in its row header. */
  itemRow(itemId: string) {
    return this.items()
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name: itemId }) });
  }

  region(name: string) {
    return this.page.getByRole('region', { name });
  }

  /** A group of the compare view, e.g. "Items added"; its heading also shows the count. */
  diffGroup(name: string) {
    return this.page.getByRole('region', { name: new RegExp(`^${name}`) });
  }

  diffEntry(group: string, itemId: string) {
    return this.diffGroup(group).getByRole('listitem').filter({ hasText: itemId });
  }

  async chooseVersion(label: 'From version' | 'To version', version: string) {
    await this.page.getByRole('button', { name: new RegExp(label) }).click();
    await this.page.getByRole('option', { name: version }).click();
  }
}
