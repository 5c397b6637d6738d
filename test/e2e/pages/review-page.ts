// Page model: the Review screen (the queue of reports with their state and source) and one report
// under review (the supervisor's decision, and where it stands with the hub).
import type { Page } from '@playwright/test';

export class ReviewPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
  }

  queue() {
    return this.page.getByRole('table', { name: 'Reports' });
  }

  /** The queue's row of a report, by the run's name (and revision: "r1"). */
  row(runName: string, revision = 1) {
    return this.queue()
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: runName, exact: true }) })
      .filter({ hasText: `r${revision}` });
  }

  async openReport(runName: string) {
    await this.queue().getByRole('link', { name: runName, exact: true }).click();
  }

  decision() {
    return this.page.getByRole('region', { name: 'Your decision' });
  }

  async sendBack(comment: string) {
    await this.decision().getByLabel('Comment').fill(comment);
    await this.decision().getByRole('button', { name: 'Send back' }).click();
  }

  async countersign(comment?: string) {
    if (comment !== undefined) await this.decision().getByLabel('Comment').fill(comment);
    await this.decision().getByRole('button', { name: 'Countersign' }).click();
  }

  /** Where this device's decision stands with the hub ("waits", "reached the hub", "refused"). */
  decisionSyncState() {
    return this.page.getByRole('status').filter({ hasText: /Your decision|The hub refused/ });
  }
}
