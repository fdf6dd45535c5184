/**
 * The teacher panel in a Dutch browser: linking by keyboard alone, the preview and the summary
 * in Dutch, against the real sandbox SIS; the SIS then holds exactly the page's grades.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PANEL_LABELS } from './pages/teacher-panel';
import { type ClassFixture, sisStateOf } from './support/sandbox-class';
import { SLOW, startTeacherScenario, type TeacherScenario } from './support/teacher-scenario';

const nl = PANEL_LABELS.nl;
let scenario: TeacherScenario;
let fixture: ClassFixture;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 22,
    locale: 'nl',
    classes: [{ courseId: '734512908820' }],
  });
  [fixture] = scenario.fixtures as [ClassFixture];
});
afterAll(async () => {
  await scenario?.close();
});

describe('the teacher panel in Dutch', () => {
  it('links with the keyboard alone, previews, exports and sums up in Dutch', async () => {
    const { sis } = scenario;
    const teacher = await scenario.open(fixture);
    const { page } = teacher.classroom;
    const email = teacher.panel.getByLabel(nl.email, { exact: true });
    await expect.poll(() => email.inputValue(), SLOW).toBe(sis.teacherEmail);
    expect(await teacher.panel.getByRole('heading', { level: 3 }).first().textContent()).toBe(
      'SIS-klas koppelen',
    );
    // Enter in the email field searches; the search box, the class list (Space picks) and the
    // Link button follow in Tab order.
    await email.focus();
    await page.keyboard.press('Enter');
    await teacher.byTestId('class-picker').waitFor(SLOW);
    await teacher.panel.getByLabel(nl.filter).focus();
    await page.keyboard.type(fixture.klass.classCode);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await teacher.panel.getByRole('radio').first().isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(
      () => document.activeElement?.shadowRoot?.activeElement?.textContent,
    );
    expect(focused).toBe(nl.link);
    await page.keyboard.press('Enter');
    await teacher.byTestId('linked-class').waitFor(SLOW);
    expect(await teacher.byTestId('linked-class').textContent()).toContain('Gekoppeld aan');

    await teacher.waitForPreview();
    await scenario.matchByHand(teacher, fixture);
    await teacher.chooseCategory('Unit 1 test', 'Tests');
    const expected = scenario.expected(fixture);
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      `5 regelitems aan te maken, 0 bij te werken, 0 ongewijzigd, 1 overgeslagen; ${expected.results.length} cijfers te verzenden, 0 te verwijderen.`,
    );
    expect((await teacher.previewRows()).map(([, action]) => action)).toContain(
      'Overgeslagen: zonder punten',
    );
    expect(await teacher.classroom.panelViolations()).toEqual([]);
    await teacher.byTestId('export-preview').scrollIntoViewIfNeeded();
    await teacher.classroom.screenshot('teacher-preview-nl');

    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export voltooid');
    expect(await teacher.byTestId('export-announcement').textContent()).toBe(
      `Export voltooid: ${expected.lineItems.length + expected.results.length} aangemaakt, 0 bijgewerkt, 0 verwijderd, 0 ongewijzigd, 0 mislukt`,
    );
    expect(await teacher.byTestId('coursework-status').textContent()).toContain(
      'Status per opdracht (5 van 6 geëxporteerd)',
    );
    expect(sisStateOf(sis, fixture.klass.sourcedId)).toEqual(expected);
    await teacher.summary.scrollIntoViewIfNeeded();
    await teacher.classroom.screenshot('teacher-summary-nl');
  });
});
