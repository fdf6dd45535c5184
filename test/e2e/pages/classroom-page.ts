/** Page object for the fake Classroom with the extension's panel. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';

export const SCREENSHOTS = join(import.meta.dirname, '../../../test-results/screenshots');

export class ClassroomPage {
  constructor(readonly page: Page) {}

  static async open(page: Page, path: string) {
    await page.goto(`https://classroom.google.com${path}`);
    return new ClassroomPage(page);
  }

  /** The panel inside its shadow root (Playwright's CSS engine pierces open shadow roots). */
  get panel(): Locator {
    return this.page.locator('sis-export-panel [data-testid=sis-panel]');
  }

  /** One fact the panel read from the page, by its test id (e.g. `panel-course-name`). */
  fact(testId: string): Locator {
    return this.panel.getByTestId(testId);
  }

  get panelHosts(): Locator {
    return this.page.locator('sis-export-panel');
  }

  /** Classroom-style in-app navigation: pushState, no page load. */
  async navigate(path: string) {
    await this.page.evaluate(
      (to) => (window as unknown as { navigateTo(p: string): void }).navigateTo(to),
      path,
    );
  }

  /** Serious or critical axe-core violations inside the panel (its shadow root included). */
  async panelViolations() {
    const { violations } = await new AxeBuilder({ page: this.page })
      .include('sis-export-panel')
      .analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((n) => n.target) }));
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
