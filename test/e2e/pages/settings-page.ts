// Page model: the Settings screen.
import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(private readonly page: Page) {}

  async chooseLanguage(current: string, next: string) {
    await this.page.getByRole('button', { name: new RegExp(current) }).click();
    await this.page.getByRole('option', { name: next }).click();
  }

  storagePersistence() {
    return this.page.getByTestId('storage-persistence');
  }
}
