/**
 * The teacher's whole workflow in real Chromium against the real sandbox SIS: the admin connects
 * on the options page, the teacher opens a generated Grades page of the sandbox teacher's class,
 * links it, matches the students the extension could not place, previews, exports, and reads the
 * summary; the SIS then holds exactly what the page said. A second export has nothing to send.
 * (A stopped worker and a cancel: teacher-resume.e2e.ts. Dutch: teacher-panel-nl.e2e.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeacherPanel } from './pages/teacher-panel';
import { sisStateOf } from './support/sandbox-class';
import {
  LATENCY,
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
  UNIT_TEST,
} from './support/teacher-scenario';

let scenario: TeacherScenario;
beforeAll(async () => {
  // Row 1 shows a nickname (only the teacher can match it); a visitor is not in the SIS.
  scenario = await startTeacherScenario({
    seed: 21,
    classes: [{ courseId: '734512908812', renamed: [1], visitors: ['Pat Visitor'] }],
  });
});
afterAll(async () => {
  await scenario?.close();
});

describe('a teacher exports a class to the SIS', () => {
  let teacher: TeacherPanel;
  const fixture = () => scenario.fixtures[0] as NonNullable<TeacherScenario['fixtures'][0]>;

  it('links the class found by the page’s account email', async () => {
    const { sis, activeClasses } = scenario;
    const { klass } = fixture();
    teacher = await scenario.open(fixture());
    const email = teacher.panel.getByLabel('Your email address in the SIS', { exact: true });
    // Filled in from the account button once the page has been read.
    await expect.poll(() => email.inputValue(), SLOW).toBe(sis.teacherEmail);
    // The signed-in account's own classes only: the admin allows no other SIS teacher (M1).
    expect(await email.getAttribute('readonly')).not.toBeNull();

    await teacher.findClasses(klass.classCode);
    expect(await teacher.byTestId('class-picker').textContent()).toContain(
      `Active classes of Elena Ramírez in the SIS: ${activeClasses}`,
    );
    expect(await teacher.byTestId('class-filter-count').textContent()).toBe(
      `1 of ${activeClasses} classes shown`,
    );
    await teacher.panel.getByRole('radio').first().check();
    await teacher.classroom.screenshot('teacher-link');

    await teacher.linkClass(klass.title);
    expect(await teacher.byTestId('linked-class-title').textContent()).toBe(
      `${klass.title} (${klass.classCode}, ${termTitles(klass.terms)})`,
    );
  });

  it('matches the students it could not place, previews, and has no serious accessibility problem', async () => {
    const { page, rows } = fixture();
    // The preview opens by itself after linking, starting with the student matching.
    await teacher.waitForPreview();
    const toMatch = await teacher.pendingStudents();
    expect(toMatch).toContain(page.studentKeys[1]); // the nickname
    expect(toMatch).toContain(page.studentKeys.at(-1)); // the visitor
    await scenario.matchByHand(teacher, fixture());
    expect(await teacher.byTestId('students-matched').textContent()).toBe(
      `${rows.filter(Boolean).length} of ${rows.length} students matched to the SIS`,
    );

    const unitTest = (await teacher.previewRows()).find(([title]) => title === UNIT_TEST);
    expect(unitTest?.[1]).toBe('Skipped: choose a category to export it');
    await teacher.chooseCategory(UNIT_TEST, 'Tests');

    const expected = scenario.expected(fixture());
    const preview = await teacher.previewRows();
    expect(preview.map(([title, action]) => [title, action])).toEqual(
      page.coursework.map((cw) => [
        cw.title,
        cw.maxPoints === null ? 'Skipped: ungraded (no points)' : 'Create',
      ]),
    );
    // Drafts and missing work are skipped, each with its reason.
    expect(preview.some(([, , grades]) => /draft: \d+/.test(grades))).toBe(true);
    expect(preview.some(([, , grades]) => /missing: \d+/.test(grades))).toBe(true);
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      `5 line items to create, 0 to update, 0 unchanged, 1 skipped; ${expected.results.length} grades to send, 0 to delete.`,
    );
    expect(scenario.writes()).toEqual([]); // a preview sends nothing
    const flagged = teacher.panel.getByRole('row', { name: /Field trip reflection/ });
    expect(await flagged.textContent()).toContain('No due date: the export date is used');

    expect(await teacher.classroom.panelViolations()).toEqual([]);
    await teacher.byTestId('export-preview').scrollIntoViewIfNeeded();
    await teacher.classroom.screenshot('teacher-preview');
  });

  it('exports with progress, sums up, and leaves exactly the page’s grades in the SIS', async () => {
    const { sis } = scenario;
    const expected = scenario.expected(fixture());
    sis.setFaults({ latencyMs: LATENCY.watched });
    await teacher.startExport();
    await teacher.progress.waitFor();
    await expect
      .poll(() => teacher.byTestId('progress-phase').textContent(), SLOW)
      .toBe('Writing grades');
    await expect
      .poll(async () => Number(await teacher.progress.getAttribute('aria-valuenow')), SLOW)
      .toBeGreaterThan(0);
    expect(await teacher.progress.getAttribute('aria-valuemax')).toBe(
      String(expected.results.length),
    );
    await teacher.classroom.screenshot('teacher-progress');

    await teacher.summary.waitFor(SLOW);
    sis.setFaults({ latencyMs: LATENCY.normal });
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    expect(await teacher.summaryCounts()).toEqual({
      created: expected.lineItems.length + expected.results.length,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      failed: 0,
    });
    expect(await teacher.byTestId('coursework-status').textContent()).toContain(
      'Status per coursework (5 of 6 exported)',
    );
    expect(sisStateOf(sis, fixture().klass.sourcedId)).toEqual(expected);
    await teacher.summary.scrollIntoViewIfNeeded();
    await teacher.classroom.screenshot('teacher-summary');
  });

  it('has nothing to send when exported again, and keeps the history', async () => {
    const before = scenario.writes().length;
    await teacher.button('Export grades').click();
    await teacher.waitForPreview();
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      '0 line items to create, 0 to update, 5 unchanged, 1 skipped; 0 grades to send, 0 to delete.',
    );
    expect(await teacher.panel.textContent()).toContain(
      'Nothing has changed since the last export',
    );
    expect(
      (await teacher.previewRows()).filter(([, action]) => action === 'Unchanged'),
    ).toHaveLength(5);
    await teacher.button('Close preview').click();
    await teacher.byTestId('export-history').locator('summary').click();
    expect(await teacher.byTestId('export-history').textContent()).toMatch(
      /Export history \(1\).*Export finished: \d+ created, 0 updated, 0 deleted, 0 unchanged, 0 failed/,
    );
    expect(scenario.writes()).toHaveLength(before);
    await teacher.classroom.page.close();
  });
});

/** The SIS class's term titles, as the link shows them. */
function termTitles(terms: ReadonlyArray<{ sourcedId: string }>) {
  return terms
    .map((term) => scenario.sis.data.academicSessions.get(term.sourcedId)?.title)
    .join(', ');
}
