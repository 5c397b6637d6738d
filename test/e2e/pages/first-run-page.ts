// Page model: the first-run profile form.
import { expect, type Page } from '@playwright/test';

export type RoleLabel = 'Local ICT administrator' | 'Supervisor' | 'Global head of ICT';

export class FirstRunPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Welcome to Go-live Checklists' });
  }

  async fill(profile: { name: string; role: RoleLabel; office: string; email?: string }) {
    await this.page.getByLabel('Your name').fill(profile.name);
    // Click the visible label, as a person does; React Aria keeps the radio input visually hidden.
    await this.page.getByRole('radiogroup', { name: 'Role' }).getByText(profile.role).click();
    await expect(this.page.getByRole('radio', { name: profile.role })).toBeChecked();
    await this.page.getByLabel('Office or team').fill(profile.office);
    if (profile.email !== undefined)
      await this.page.getByLabel('Email (optional)').fill(profile.email);
  }

  async submit() {
    await this.page.getByRole('button', { name: 'Save and continue' }).click();
  }
}
