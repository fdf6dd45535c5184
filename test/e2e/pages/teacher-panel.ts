/**
 * Page object for the teacher's workflow in the panel: link, match students, preview, export,
 * summary. Works in English and Dutch through PANEL_LABELS.
 */
import type { Locator } from 'playwright-core';
import type { ClassroomPage } from './classroom-page';

export const PANEL_LABELS = {
  en: {
    email: 'Your email address in the SIS',
    find: 'Find my classes',
    filter: 'Search your classes',
    link: 'Link class',
    exportGrades: 'Export grades',
    exportNow: 'Export to the SIS',
    close: 'Close preview',
    cancel: 'Cancel export',
    category: (title: string) => `Category for “${title}”`,
    include: (title: string) => `Export “${title}”`,
    progressbar: 'Exporting…',
    googleSignIn: 'Sign in with Google',
  },
  nl: {
    email: 'Je e-mailadres in het SIS',
    find: 'Mijn klassen zoeken',
    filter: 'Zoek in je klassen',
    link: 'Klas koppelen',
    exportGrades: 'Cijfers exporteren',
    exportNow: 'Naar het SIS exporteren',
    close: 'Voorbeeld sluiten',
    cancel: 'Export annuleren',
    category: (title: string) => `Categorie voor ‘${title}’`,
    include: (title: string) => `‘${title}’ exporteren`,
    progressbar: 'Bezig met exporteren…',
    googleSignIn: 'Inloggen met Google',
  },
} as const;
export type PanelLabels = (typeof PANEL_LABELS)[keyof typeof PANEL_LABELS];

/** Linking and exporting can take a few seconds against a slowed-down sandbox. */
const SLOW = { timeout: 30_000 };

/**
 * Picks an option as a user does, with keys: Alt+↓ opens the list, arrows move (skipping
 * disabled options), Enter picks, one trusted change. The panel ignores the untrusted change
 * event Playwright's selectOption dispatches (components/panel/trusted.ts).
 */
async function chooseOption(
  select: Locator,
  wanted: (option: { value: string; label: string }) => boolean,
) {
  await select.waitFor(SLOW);
  const options = await select.evaluate((element) =>
    [...(element as HTMLSelectElement).options].map((o) => ({
      value: o.value,
      label: o.label,
      disabled: o.disabled,
      selected: o.selected,
    })),
  );
  const target = options.findIndex(wanted);
  const from = options.findIndex((o) => o.selected);
  if (target < 0) throw new Error(`no such option in ${JSON.stringify(options)}`);
  if (target === from) return;
  const down = target > from;
  const passed = down ? options.slice(from + 1, target + 1) : options.slice(target, from);
  const steps = passed.filter((o) => !o.disabled).length;
  const { keyboard } = select.page();
  await select.focus();
  await keyboard.press('Alt+ArrowDown');
  for (let i = 0; i < steps; i++) await keyboard.press(down ? 'ArrowDown' : 'ArrowUp');
  await keyboard.press('Enter');
}

export class TeacherPanel {
  constructor(
    readonly classroom: ClassroomPage,
    readonly labels: PanelLabels = PANEL_LABELS.en,
  ) {}

  get panel(): Locator {
    return this.classroom.panel;
  }

  byTestId(id: string): Locator {
    return this.panel.getByTestId(id);
  }

  button(name: string): Locator {
    return this.panel.getByRole('button', { name, exact: true });
  }

  /**
   * "Sign in with Google", then Allow on Google's consent page in the window Chromium opens for
   * identity.launchWebAuthFlow (a silent attempt's hidden window may come and go before it).
   */
  async signInWithGoogle() {
    const box = this.byTestId('google-sign-in');
    await box.waitFor(SLOW);
    await box.getByRole('button', { name: this.labels.googleSignIn, exact: true }).click();
    const context = this.classroom.page.context();
    const deadline = Date.now() + SLOW.timeout;
    const isConsent = (url: string) =>
      url.startsWith('https://accounts.google.com/o/oauth2/v2/auth?') &&
      !url.includes('prompt=none');
    let consent = context.pages().find((p) => isConsent(p.url()));
    while (!consent && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      consent = context.pages().find((p) => isConsent(p.url()));
    }
    if (!consent) throw new Error('no Google consent window opened');
    await consent.getByRole('button', { name: 'Allow', exact: true }).click();
    await box.waitFor({ state: 'detached', ...SLOW });
  }

  /** Finds the teacher's classes (optionally with another email), then filters the list. */
  async findClasses(filter?: string, email?: string) {
    const field = this.panel.getByLabel(this.labels.email, { exact: true });
    await field.waitFor(SLOW);
    if (email !== undefined) await field.fill(email);
    await this.button(this.labels.find).click();
    await this.byTestId('class-picker').waitFor(SLOW);
    if (filter !== undefined) await this.panel.getByLabel(this.labels.filter).fill(filter);
  }

  /** Picks the class by its title in the (filtered) list and links it. */
  async linkClass(title: string) {
    await this.panel.getByRole('radio', { name: title }).check();
    await this.button(this.labels.link).click();
    await this.byTestId('linked-class').waitFor(SLOW);
  }

  /**
   * Waits for a preview that is not being recomputed. A change marks the changed control or the
   * table aria-busy before its event returns, so "nothing busy" means the new preview is in.
   */
  async waitForPreview() {
    await this.byTestId('export-preview').waitFor(SLOW);
    await this.panel
      .locator('[aria-busy=true]')
      .first()
      .waitFor({ state: 'detached', ...SLOW });
  }

  /** Students still waiting for a pick (matched-by-hand and "no record" rows stay listed). */
  async pendingStudents(): Promise<string[]> {
    return this.byTestId('student-row').evaluateAll((rows) =>
      rows
        .filter((row) => row.querySelector('select')?.value === ' ')
        .map((row) => row.getAttribute('data-student-key') ?? ''),
    );
  }

  /**
   * Answers every pick the panel asks for, one at a time: each answer is a new preview, and may
   * settle others (two students with one name are both ambiguous until one is picked).
   */
  async matchPending(sisStudentIdOf: (studentKey: string) => string) {
    for (let [key] = await this.pendingStudents(); key; [key] = await this.pendingStudents()) {
      await this.matchStudent(key, sisStudentIdOf(key));
    }
  }

  /** Picks the SIS student for a Classroom student by its sourcedId ('' = no SIS record). */
  async matchStudent(studentKey: string, sisStudentId: string) {
    await chooseOption(
      this.panel.locator(`[data-student-key="${studentKey}"] select`),
      (option) => option.value === sisStudentId,
    );
    await this.waitForPreview();
  }

  async chooseCategory(courseworkTitle: string, category: string) {
    await chooseOption(
      this.panel.getByLabel(this.labels.category(courseworkTitle)),
      (option) => option.label === category,
    );
    await this.waitForPreview();
  }

  /** Preview rows as [title, action, grades] (title without its flags). */
  async previewRows(): Promise<Array<[string, string, string]>> {
    return this.panel
      .getByTestId('preview-row')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('th')?.firstChild?.textContent ?? '',
          row.querySelector('[data-testid=preview-action]')?.textContent ?? '',
          row.querySelector('[data-testid=preview-grades]')?.textContent ?? '',
        ]),
      );
  }

  async startExport() {
    await this.button(this.labels.exportNow).click();
  }

  get progress(): Locator {
    return this.panel.getByRole('progressbar');
  }

  get summary(): Locator {
    return this.byTestId('export-summary');
  }

  /** The summary's counts by name (created, updated, deleted, unchanged, failed). */
  async summaryCounts() {
    const count = async (key: string) =>
      Number(await this.byTestId(`summary-${key}`).textContent());
    return {
      created: await count('created'),
      updated: await count('updated'),
      deleted: await count('deleted'),
      unchanged: await count('unchanged'),
      failed: await count('failed'),
    };
  }
}
