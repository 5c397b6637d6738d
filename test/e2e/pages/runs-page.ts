// Page model: the runs list, starting a run, and working in a run (select, tick, values, reasons).
import { expect, type Page } from '@playwright/test';
import { dateField, fillDate } from './date-field';

export interface NewRun {
  template: string;
  name: string;
  goLive: string;
  text?: Record<string, string>;
  checks?: string[];
  choices?: Record<string, string>;
}

export class RunsPage {
  constructor(private readonly page: Page) {}

  async startRun(run: NewRun) {
    await this.page.getByRole('button', { name: 'New run' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Start a run' });
    await expect(dialog).toBeVisible();
    await this.chooseOption(dialog.getByRole('button', { name: /Template/ }), run.template);
    await dialog.getByLabel('Office or client name').fill(run.name);
    await fillDate(dateField(dialog, 'Planned go-live date'), run.goLive);
    for (const [label, value] of Object.entries(run.text ?? {}))
      await dialog.getByLabel(label).fill(value);
    for (const label of run.checks ?? []) await dialog.getByText(label, { exact: true }).click();
    for (const [label, value] of Object.entries(run.choices ?? {})) {
      await this.chooseOption(dialog.getByRole('button', { name: new RegExp(label) }), value);
    }
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: run.name })).toBeVisible();
  }

  private async chooseOption(trigger: ReturnType<Page['getByRole']>, option: string) {
    await trigger.click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  itemList() {
    return this.page.getByRole('grid', { name: 'Checklist items' });
  }

  /** The list row of an item, found by its stable id (shown in the detail) via the search. */
  row(itemId: string) {
    return this.itemList()
      .getByRole('row')
      .filter({ has: this.page.locator(`[data-item-id="${itemId}"]`) });
  }

  detail() {
    return this.page.locator('#run-item-detail');
  }

  async search(text: string) {
    await this.page.getByRole('searchbox', { name: 'Search items' }).fill(text);
  }

  async openItem(itemId: string) {
    await this.search(itemId);
    await this.row(itemId).click();
    await expect(this.detail().locator('code', { hasText: itemId })).toBeVisible();
  }

  async markDone() {
    await this.detail().getByRole('button', { name: 'Done', exact: true }).click();
  }

  async markWithReason(kind: 'Not applicable…' | 'Blocked…' | 'Request waiver…', reason: string) {
    await this.detail().getByRole('button', { name: kind }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('textbox').fill(reason);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
  }

  errorMessage() {
    return this.page.getByRole('alert').filter({ hasNotText: 'Integrity' });
  }

  gate() {
    return this.page.getByRole('status').filter({ hasText: /GO/ });
  }

  /** The runs list's row of a run, by its name (badges: Signed, Countersigned, Sent back). */
  listRow(name: string) {
    return this.page
      .getByRole('table', { name: 'Runs on this device' })
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** A sent-back report on its (reopened) run: who, why, and what comes next. */
  sentBack() {
    return this.page.getByRole('region', { name: 'Sent back for a new revision' });
  }
}
