/** Page object for the extension's options (admin) page. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../support/browser';
import type { InPage } from '../support/chrome-in-page';
import { SCREENSHOTS } from './classroom-page';

/** Field labels, so the same steps run in English and Dutch. */
export const LABELS = {
  en: {
    selectSis: 'Select your SIS',
    hostUrl: 'Host URL',
    accessKey: 'Access key',
    secret: 'Secret code',
    tokenUrl: 'Token URL',
    applicationUrl: 'Application URL',
    authorize: 'Authorize',
    replace: 'Replace',
    remove: 'Remove',
    disconnect: 'Disconnect',
    oauth1: 'OAuth 1.0a (signed requests)',
    oauth2: 'OAuth 2 (client credentials and token URL)',
    other: 'Other OneRoster server',
    infiniteCampus: 'Infinite Campus',
    version: 'OneRoster version',
    vendorAuthorization: 'Vendor authorization',
  },
  nl: {
    selectSis: 'Selecteer je SIS',
    hostUrl: 'Host-URL',
    accessKey: 'Toegangssleutel',
    secret: 'Geheime code',
    tokenUrl: 'Token-URL',
    applicationUrl: 'Applicatie-URL',
    authorize: 'Autoriseren',
    replace: 'Vervangen',
    remove: 'Verwijderen',
    disconnect: 'Verbinding verbreken',
    oauth1: 'OAuth 1.0a (ondertekende verzoeken)',
    oauth2: 'OAuth 2 (clientgegevens en token-URL)',
    other: 'Andere OneRoster-server',
    infiniteCampus: 'Infinite Campus',
    version: 'OneRoster-versie',
    vendorAuthorization: 'Leveranciersautorisatie',
  },
} as const;
export type Labels = (typeof LABELS)[keyof typeof LABELS];

export interface ConnectionInput {
  partner: string;
  mode?: 'oauth1' | 'oauth2';
  applicationUrl?: string;
  hostUrl?: string;
  tokenUrl?: string;
  /** Checked against what the form chose by itself (suggested from the Host URL). */
  version?: '1.1' | '1.2';
  vendorAuthorization?: string;
  accessKey: string;
  secret: string;
}

export class OptionsPage {
  constructor(
    readonly page: Page,
    readonly labels: Labels = LABELS.en,
  ) {}

  static async open(browser: ExtensionBrowser, labels: Labels = LABELS.en) {
    const page = await browser.context.newPage();
    await page.goto(browser.extensionUrl('options.html'));
    return new OptionsPage(page, labels);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get connection(): Locator {
    return this.page.getByTestId('connection');
  }

  get status(): Locator {
    return this.page.getByTestId('connection-status');
  }

  get success(): Locator {
    return this.page.getByTestId('authorize-success');
  }

  get error(): Locator {
    return this.page.getByTestId('authorize-error');
  }

  field(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** Saves the Google OAuth client id in "Google Classroom data" (English labels). */
  async saveGoogleClientId(clientId: string) {
    const section = this.page.getByTestId('google-access');
    await this.field('Google OAuth client ID').fill(clientId);
    await section.getByRole('button', { name: 'Save client ID' }).click();
    await section.getByText('Saved. Teachers sign in with Google').waitFor();
  }

  /** Reloads and waits until the admin state is shown. */
  async reload() {
    await this.page.reload();
    await this.status.waitFor();
  }

  /** Fills the connection form; a saved secret is replaced with `input.secret`. */
  async fillConnection(input: ConnectionInput) {
    const l = this.labels;
    await this.field(l.selectSis).selectOption({ label: input.partner });
    if (input.mode) {
      const radio = this.page.getByRole('radio', {
        name: input.mode === 'oauth1' ? l.oauth1 : l.oauth2,
      });
      if (await radio.count()) await radio.check();
    }
    if (input.applicationUrl !== undefined) {
      await this.field(l.applicationUrl).fill(input.applicationUrl);
    }
    if (input.hostUrl !== undefined) await this.field(l.hostUrl).fill(input.hostUrl);
    if (input.version !== undefined) {
      const version = this.field(l.version);
      if ((await version.inputValue()) !== input.version) await version.selectOption(input.version);
    }
    if (input.tokenUrl !== undefined) await this.field(l.tokenUrl).fill(input.tokenUrl);
    if (input.vendorAuthorization !== undefined) {
      await this.field(l.vendorAuthorization).fill(input.vendorAuthorization);
    }
    await this.field(l.accessKey).fill(input.accessKey);
    const replace = this.connection.getByRole('button', { name: l.replace, exact: true }).first();
    if (await replace.isVisible()) await replace.click();
    await this.field(l.secret).fill(input.secret);
  }

  /**
   * Clicks Authorize and waits for its verdict. React applies a click's state updates before the
   * click returns, so the old verdict is gone and the button disabled until the new one arrives.
   */
  async authorize(): Promise<'success' | 'error'> {
    const button = this.connection.locator('button[type=submit]');
    await button.click();
    await this.page.waitForFunction(() => {
      const submit = document.querySelector('[data-testid=connection] button[type=submit]');
      return (
        submit instanceof HTMLButtonElement &&
        !submit.disabled &&
        document.querySelector('[data-testid=authorize-success], [data-testid=authorize-error]')
      );
    });
    return (await this.success.count()) > 0 ? 'success' : 'error';
  }

  /** Sends a protocol message from this page, as the options page itself would. */
  send(type: string, data: unknown = {}) {
    return this.page.evaluate(
      (message) => (globalThis as unknown as InPage).chrome.runtime.sendMessage(message),
      { type, data },
    );
  }

  storageLocal() {
    return this.page.evaluate(() =>
      (globalThis as unknown as InPage).chrome.storage.local.get(null),
    );
  }

  hasHostAccess(origin: string) {
    return this.page.evaluate(
      (pattern) =>
        (globalThis as unknown as InPage).chrome.permissions.contains({ origins: [pattern] }),
      `${origin}/*`,
    );
  }

  /** axe-core violations that are serious or critical. */
  async seriousViolations() {
    const { violations } = await new AxeBuilder({ page: this.page }).analyze();
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        nodes: violation.nodes.map((node) => node.target.join(' ')),
      }));
  }

  async screenshot(name: string) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }
}
