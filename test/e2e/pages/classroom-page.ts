/** Page object for the fake Classroom with the extension's panel. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { keepRevealingShadowRoots, type World } from '../support/closed-shadow-root';

export const SCREENSHOTS = join(import.meta.dirname, '../../../test-results/screenshots');
/** The panel's host element; its shadow root is closed. */
export const PANEL_HOST = 'sis-export-panel';

export class ClassroomPage {
  constructor(readonly page: Page) {}

  /**
   * Opens a Classroom page. The panel's closed shadow root is revealed to the test in `reveal`'s
   * worlds (support/closed-shadow-root.ts): both by default; the security test keeps the page's
   * main world out, so the page's own script sees what it would in real use.
   */
  static async open(page: Page, path: string, reveal: World[] = ['main', 'utility']) {
    await keepRevealingShadowRoots(page, PANEL_HOST, reveal);
    await page.goto(`https://classroom.google.com${path}`);
    return new ClassroomPage(page);
  }

  /** The panel inside its shadow root (pierced as revealed, see `open`). */
  get panel(): Locator {
    return this.page.locator(`${PANEL_HOST} [data-testid=sis-panel]`);
  }

  /** One fact the panel read from the page, by its test id (e.g. `panel-course-name`). */
  fact(testId: string): Locator {
    return this.panel.getByTestId(testId);
  }

  get panelHosts(): Locator {
    return this.page.locator(PANEL_HOST);
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
    const { violations } = await new AxeBuilder({ page: this.page }).include(PANEL_HOST).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((n) => n.target) }));
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
}
