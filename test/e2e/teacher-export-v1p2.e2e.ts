/**
 * The teacher's whole workflow over OneRoster 1.2, in real Chromium against the sandbox's
 * Infinite Campus-style 1.2 service in STRICT mode (every write checked against the 1.2 OpenAPI
 * schemas and IC's rules): the admin pastes IC's 1.2 root, the form picks 1.2 and fills the token
 * URL, Authorize confirms both service bases; the teacher links, previews, exports (Excused as
 * exempt, missing work as `not submitted` + the missing flag, late hand-ins as `submitted` with
 * the late flag and no score), changes grades on the page and exports the changes (an update, a
 * removed grade as a DELETE, a new Excused), and a last export has nothing to send.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineItemIdFor, resultIdFor } from '../../lib/export/plan';
import {
  cellFor,
  type PageCell,
  type PageCoursework,
} from '../fixtures/classroom/sandbox-class-cells';
import type { TeacherPanel } from './pages/teacher-panel';
import { type ClassFixture, teacherClasses, writeClassFixture } from './support/sandbox-class';
import {
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
  UNIT_TEST,
} from './support/teacher-scenario';

const COURSE = '734512908840';

/** The generated cells, with every other turned-in cell of graded work handed in late. */
function lateCells(changes: Record<string, PageCell> = {}) {
  return (cw: PageCoursework, j: number, i: number): PageCell => {
    const changed = changes[`${j}/${i}`];
    if (changed) return changed;
    const cell = cellFor(cw, j, i);
    return cell.kind === 'turned-in' && cw.maxPoints !== null && i % 2 === 0
      ? { kind: 'turned-in-late' }
      : cell;
  };
}

let scenario: TeacherScenario;
let fixture: ClassFixture;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 31,
    oneRoster: '1.2',
    classes: [{ courseId: COURSE, renamed: [1], cell: lateCells() }],
  });
  fixture = scenario.fixtures[0] as ClassFixture;
});
afterAll(async () => {
  await scenario?.close();
});

/** A result as the strict 1.2 sandbox stores it (students by their 1.1 ids, flags as strings). */
interface StoredResult {
  sourcedId: string;
  lineItem: string;
  student: string;
  scoreStatus: string;
  score?: number;
  late?: string;
  missing?: string;
}

/**
 * What the SIS must hold for the page, computed from the generated cells alone: result ids are
 * the product's deterministic ids over the students' 1.2 GUIDs.
 */
function expectedResults(page: ClassFixture['page']): StoredResult[] {
  const results: StoredResult[] = [];
  page.coursework.forEach((cw, j) => {
    if (cw.maxPoints === null) return;
    const lineItem = lineItemIdFor(COURSE, cw.id);
    fixture.rows.forEach((student, i) => {
      if (!student) return;
      const cell = page.cell(j, i);
      const sent: Omit<StoredResult, 'sourcedId' | 'lineItem' | 'student'> | undefined =
        cell.kind === 'returned' || cell.kind === 'extra-credit'
          ? { scoreStatus: 'fully graded', score: cell.score }
          : cell.kind === 'excused'
            ? { scoreStatus: 'exempt' }
            : cell.kind === 'missing' // the admin sends missing work as 0
              ? { scoreStatus: 'not submitted', score: 0, missing: 'true' }
              : cell.kind === 'turned-in'
                ? { scoreStatus: 'submitted' }
                : cell.kind === 'turned-in-late'
                  ? { scoreStatus: 'submitted', late: 'true' }
                  : undefined; // drafts are not sent; nothing handed in, nothing to send
      if (!sent) return;
      const guid = scenario.sis.inspect.userGuid(student.sourcedId);
      results.push({
        sourcedId: resultIdFor(lineItem, guid),
        lineItem,
        student: student.sourcedId,
        ...sent,
      });
    });
  });
  return results.sort((a, b) => a.sourcedId.localeCompare(b.sourcedId));
}

function storedResults(): StoredResult[] {
  return scenario.sis.inspect
    .results(fixture.klass.sourcedId)
    .map((r) => ({
      sourcedId: r.sourcedId,
      lineItem: r.lineItem.sourcedId,
      student: r.student.sourcedId,
      scoreStatus: r.scoreStatus,
      ...(r.score === undefined ? {} : { score: r.score }),
      ...(r.late === 'true' ? { late: r.late } : {}),
      ...(r.missing === 'true' ? { missing: r.missing } : {}),
    }))
    .sort((a, b) => a.sourcedId.localeCompare(b.sourcedId));
}

describe('a teacher exports a class to an Infinite Campus OneRoster 1.2 SIS', () => {
  let teacher: TeacherPanel;

  it('is connected over 1.2: both bases confirmed, the vendor key sent to the gradebook only', async () => {
    const { admin, sis, sisOrigin } = scenario;
    const root = `${sisOrigin}${new URL(sis.oneRoster12.root).pathname}`;
    expect(await admin.success.textContent()).toContain(
      `Connected over OneRoster 1.2 — rostering: ${root}/rostering/v1p2/, gradebook: ${root}/gradebook/v1p2/`,
    );
    const api = sis.requestLog.entries.filter((e) => e.version === '1.2');
    expect(api.some((e) => e.service === 'gradebook')).toBe(true);
    for (const entry of api) {
      expect(entry.vendorAuthorization, `${entry.method} ${entry.path}`).toBe(
        entry.service === 'gradebook',
      );
    }
    // The admin sends missing work as a score of 0 (1.2 says so with the missing flag).
    const defaults = admin.page.locator('section', {
      has: admin.page.getByRole('heading', { name: 'Export defaults' }),
    });
    await defaults.getByRole('radio', { name: 'Send a score of 0' }).check();
    await defaults.getByRole('button', { name: 'Save', exact: true }).click();
    await defaults.getByText('Saved.', { exact: true }).waitFor(SLOW);
  });

  it('links the class and previews it: every coursework needs a real category', async () => {
    teacher = await scenario.open(fixture);
    await teacher.findClasses(fixture.klass.classCode);
    await teacher.linkClass(fixture.klass.title);
    await teacher.waitForPreview();
    await scenario.matchByHand(teacher, fixture);
    const unit = (await teacher.previewRows()).find(([title]) => title === UNIT_TEST);
    expect(unit?.[1]).toBe('Skipped: choose a category to export it');
    await teacher.chooseCategory(UNIT_TEST, 'Tests');
    const results = expectedResults(fixture.page);
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      `5 line items to create, 0 to update, 0 unchanged, 1 skipped; ${results.length} grades to send, 0 to delete.`,
    );
    expect(scenario.writes()).toEqual([]);
  });

  it('exports: the strict 1.2 SIS accepts every write and holds exactly the page’s grades', async () => {
    const { sis } = scenario;
    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    const results = expectedResults(fixture.page);
    expect(await teacher.summaryCounts()).toEqual({
      created: 5 + results.length,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      failed: 0,
    });
    // Created with 201, and never refused: every body passed the 1.2 schemas and IC's rules.
    expect(new Set(scenario.writes().map((e) => `${e.method} ${e.status}`))).toEqual(
      new Set(['PUT 201']),
    );
    expect(storedResults()).toEqual(results);
    const kinds = new Set(results.map((r) => `${r.scoreStatus}${r.late ? ' late' : ''}`));
    for (const kind of ['fully graded', 'exempt', 'not submitted', 'submitted', 'submitted late']) {
      expect(kinds, kind).toContain(kind);
    }
    const lineItems = sis.inspect.lineItems(fixture.klass.sourcedId);
    expect(lineItems).toHaveLength(5);
    for (const item of lineItems) {
      expect(item.school?.sourcedId).toBe(fixture.klass.school.sourcedId);
      expect(item.category?.sourcedId).toBeTruthy();
      expect(item.dueDate).toBeTruthy();
    }
  });

  it('exports the teacher’s changes: an update, a removed grade as a DELETE, a new Excused', async () => {
    const graded = fixture.page.coursework.findIndex((cw) => cw.maxPoints !== null);
    const rowOf = (kind: PageCell['kind']) =>
      fixture.rows.findIndex(
        (s, i) => s !== undefined && fixture.page.cell(graded, i).kind === kind,
      );
    const returned = fixture.rows.findIndex(
      (s, i) => s !== undefined && fixture.page.cell(graded, i).kind === 'returned',
    );
    const removed = fixture.rows.findIndex(
      (s, i) => i > returned && s !== undefined && fixture.page.cell(graded, i).kind === 'returned',
    );
    const excused = rowOf('assigned');
    expect([returned, removed, excused].every((i) => i >= 0)).toBe(true);
    const oldScore = fixture.page.cell(graded, returned).score;
    const klass = teacherClasses(scenario.sis)[0];
    if (!klass) throw new Error('no class');
    fixture = {
      ...writeClassFixture(scenario.sis, klass, COURSE, {
        renamed: [1],
        cell: lateCells({
          [`${graded}/${returned}`]: { kind: 'returned', score: oldScore === 1 ? 2 : 1 },
          [`${graded}/${removed}`]: { kind: 'empty' },
          [`${graded}/${excused}`]: { kind: 'excused' },
        }),
      }),
    };
    const deletesBefore = scenario.writes().filter((e) => e.method === 'DELETE').length;
    await teacher.classroom.page.reload();
    await teacher.button('Export grades').click();
    await teacher.waitForPreview();
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      '0 line items to create, 0 to update, 5 unchanged, 1 skipped; 2 grades to send, 1 to delete.',
    );
    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    expect(await teacher.summaryCounts()).toEqual({
      created: 1,
      updated: 1,
      deleted: 1,
      unchanged: 5 + expectedResults(fixture.page).length - 2,
      failed: 0,
    });
    const deletes = scenario.writes().filter((e) => e.method === 'DELETE');
    expect(deletes.length - deletesBefore).toBe(1);
    expect(deletes.at(-1)?.status).toBe(204);
    expect(storedResults()).toEqual(expectedResults(fixture.page));
  });

  it('has nothing to send when exported again, and never duplicated a result', async () => {
    const before = scenario.writes().length;
    await teacher.button('Export grades').click();
    await teacher.waitForPreview();
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      '0 line items to create, 0 to update, 5 unchanged, 1 skipped; 0 grades to send, 0 to delete.',
    );
    expect(scenario.writes()).toHaveLength(before);
    const pairs = storedResults().map((r) => `${r.lineItem}/${r.student}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });
});
