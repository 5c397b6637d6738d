// Page model: the app's frame (navigation, status bar) and moving between screens.
import type { Page } from '@playwright/test';

export class AppShellPage {
  constructor(private readonly page: Page) {}

  navigation() {
    return this.page.getByRole('navigation');
  }

  navLink(name: string) {
    return this.navigation().getByRole('link', { name });
  }

  async open(screen: string) {
    await this.navLink(screen).click();
  }

  screenHeading(name: string) {
    return this.page.getByRole('main').getByRole('heading', { level: 1, name });
  }

  statusBar() {
    return this.page.getByRole('contentinfo');
  }
}
