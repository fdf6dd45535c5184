/** Page object for the extension's options (admin) page. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/browser';
import { SCREENSHOTS } from './classroom-page';

export class OptionsPage {
  constructor(readonly page: Page) {}

  static async open(browser: ExtensionBrowser) {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    return new OptionsPage(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get connection(): Locator {
    return this.page.getByTestId('connection');
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}
