// Page model: the Templates editor (/templates/:id/draft): the outline, the form of the selected
// part, the status line with the problems, the lessons and trouble spots beside the draft, the
// changes and YAML tabs, export and publish.
import { expect, type Locator, type Page } from '@playwright/test';

export class TemplateEditorPage {
  constructor(private readonly page: Page) {}

  async startFromVersionPage() {
    await this.page.getByRole('button', { name: 'Draft next version' }).click();
    // Starting a draft parses and validates the whole template first: seconds on a busy machine.
    await expect(this.page).toHaveURL(/#\/templates\/[^/]+\/draft$/, { timeout: 20_000 });
  }

  outline(): Locator {
    return this.page.getByRole('listbox', { name: 'Parts of the draft' });
  }

  async openPart(name: string | RegExp) {
    await this.outline().getByRole('option', { name }).click();
  }

  /** The form of the selected part. */
  pane(): Locator {
    return this.page.locator('.tpl-editor-main');
  }

  field(label: string | RegExp): Locator {
    return this.pane().getByLabel(label, { exact: typeof label === 'string' });
  }

  status(): Locator {
    return this.page
      .getByRole('main')
      .getByRole('status')
      .filter({ hasText: /Saved|Saving/ });
  }

  problems(): Locator {
    return this.page.getByRole('list', { name: 'Problems in the draft' }).getByRole('listitem');
  }

  insights(): Locator {
    return this.page.getByRole('complementary', { name: 'From the field' });
  }

  lessons(): Locator {
    return this.insights().getByRole('region', { name: 'Lessons learned' });
  }

  trouble(): Locator {
    return this.insights().getByRole('list', { name: 'Items most often in trouble' });
  }

  async tab(name: string | RegExp) {
    await this.page.getByRole('tab', { name }).click();
  }

  yaml(): Locator {
    return this.page.getByLabel('The draft as YAML, as it will be exported and published');
  }

  async exportYaml(): Promise<{ name: string; bytes: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export YAML' }).click();
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  async publish(version: string) {
    await this.page.getByRole('button', { name: 'Publish to hub' }).click();
    const dialog = this.page.getByRole('alertdialog');
    await expect(dialog).toContainText(`Publish New office go-live ${version}?`);
    await dialog.getByRole('button', { name: `Publish ${version}` }).click();
  }
}
