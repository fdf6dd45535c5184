/**
 * Issue #13, end to end: the class read through the Classroom API in real Chromium. The fake
 * Google (sandbox/google) serves accounts.google.com and classroom.googleapis.com over HTTPS at
 * their real hostnames (--host-resolver-rules, one self-signed certificate naming both), so the
 * extension uses its production URLs and the browser's real identity.launchWebAuthFlow; the
 * teacher clicks Allow on the fake's consent page in the window Chromium opens for it (no
 * autoConsent).
 *
 * The admin sets the client id on the options page → the teacher opens the Grades page and signs
 * in → the panel reads a 40-student × 104-coursework class (two pages of coursework, dozens of
 * submissions), lays the page's Excused cells over it, reads a student whose row the page did not
 * render, and reports a cell where the page and the API disagree → export into the sandbox SIS,
 * which then holds exactly the API's grades with the page's Excused → two grades changed in
 * Classroom are exactly two writes on re-export. Then a class opened on its Stream page only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineItemIdFor, resultIdFor } from '../../lib/export/plan';
import { type FakeCourse, type FakeGoogle, startFakeGoogle } from '../../sandbox/google/index.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { PageCoursework } from '../fixtures/classroom/sandbox-class';
import type { TeacherPanel } from './pages/teacher-panel';
import { makeSelfSignedCertificate } from './support/certificate';
import { fakeCourseFromClassFixture } from './support/google-class';
import {
  type ClassFixture,
  type LineItemFacts,
  type ResultFacts,
  sisStateOf,
} from './support/sandbox-class';
import {
  SLOW,
  startTeacherScenario,
  type TeacherScenario,
  UNIT_TEST,
} from './support/teacher-scenario';

const CLIENT_ID = '424242424242-e2eclassroomapi.apps.googleusercontent.com';
const STUDENTS = 40;
/** 104 graded items: two pages of coursework, 42 pages of submissions at Google's 100. */
const COURSEWORK: PageCoursework[] = Array.from({ length: 104 }, (_, j) => ({
  id: String(620_000_000_000 + j),
  title: j === 0 ? UNIT_TEST : j % 10 === 9 ? `Quiz ${(j + 1) / 10}` : `Homework ${j + 1}`,
  maxPoints: j % 10 === 9 ? 20 : 10,
  due: { month: 9 + (j % 3), day: (j % 28) + 1 },
  ...(j > 0 && { category: j % 10 === 9 ? 'Quizzes' : 'Homework' }),
}));
/** The student without a row on the page: on the API's roster, matched to the SIS by email. */
const HIDDEN_USER_ID = '429999999999';
const SUBMISSIONS_ROUTE = '/v1/courses/{courseId}/courseWork/{courseWorkId}/studentSubmissions';

let google: FakeGoogle;
let scenario: TeacherScenario;
beforeAll(async () => {
  scenario = await startTeacherScenario({
    seed: 52,
    // 40 % of 200 high-school students: the teacher's classes can hold 40.
    sandbox: { students: 200, classSize: STUDENTS, faults: { latencyMs: 0 } },
    classes: [
      { courseId: '745612309871', coursework: COURSEWORK, unrendered: 1 },
      { courseId: '745612309872' },
    ],
    startGoogle: async (sis, fixtures) => {
      const teacher = [...sis.data.users.values()].find((u) => u.email === sis.teacherEmail);
      google = await startFakeGoogle({
        tls: makeSelfSignedCertificate('accounts.google.com', 'classroom.googleapis.com'),
        clientId: CLIENT_ID,
        teacher: { email: sis.teacherEmail, name: `${teacher?.givenName} ${teacher?.familyName}` },
      });
      const [main, streamOnly] = fixtures;
      if (!main || !streamOnly) throw new Error('two classes expected');
      google.addCourse(
        fakeCourseFromClassFixture(main, {
          extraStudents: main.unrendered.map((s) => ({
            userId: HIDDEN_USER_ID,
            name: `${s.givenName} ${s.familyName}`,
            email: s.email,
          })),
        }),
      );
      google.addCourse(fakeCourseFromClassFixture(streamOnly));
      return google;
    },
  });
}, 180_000);
afterAll(async () => {
  await scenario?.close();
  await google?.close();
});

const fixture = (i: number) => {
  const found = scenario.fixtures[i];
  if (!found) throw new Error(`no class ${i}`);
  return found;
};
const courseOf = (fx: ClassFixture) => {
  const found = google.course(fx.courseId);
  if (!found) throw new Error(`the fake Google has no course ${fx.courseId}`);
  return found;
};

/**
 * What the SIS must hold after exporting `course` as the API has it: returned grades as they are
 * (extra credit included), the page's Excused cells (`excused`: "courseWorkId userId") as exempt,
 * drafts, missing and ungraded work not sent; every student matched to the SIS by email.
 */
function expectedFromApi(sis: Sandbox, fx: ClassFixture, course: FakeCourse, excused: Set<string>) {
  const users = [...sis.data.users.values()];
  const categoryId = (title: string) =>
    [...sis.data.categories.values()].find((c) => c.title === title)?.sourcedId ?? '';
  const sisStudent = new Map(
    course.students.map((s) => [s.userId, users.find((u) => u.email === s.email)?.sourcedId]),
  );
  const lineItems: LineItemFacts[] = [];
  const results: ResultFacts[] = [];
  for (const cw of course.coursework) {
    if (cw.maxPoints === undefined) continue;
    const lineItem = lineItemIdFor(fx.courseId, cw.id);
    const category = course.gradeCategories.find((c) => c.id === cw.gradeCategoryId)?.name;
    lineItems.push({
      sourcedId: lineItem,
      title: cw.title,
      class: fx.klass.sourcedId,
      category: categoryId(category ?? 'Tests'),
      resultValueMin: 0,
      resultValueMax: cw.maxPoints,
      // Without a due date the export date is sent.
      hasDueDate: true,
    });
    for (const sub of course.submissions.filter((s) => s.courseWorkId === cw.id)) {
      const student = sisStudent.get(sub.userId);
      if (!student) throw new Error(`no SIS student for ${sub.userId}`);
      const sent = excused.has(`${cw.id} ${sub.userId}`)
        ? { score: 0, scoreStatus: 'exempt' }
        : sub.state === 'RETURNED' && sub.assignedGrade !== undefined
          ? { score: sub.assignedGrade, scoreStatus: 'fully graded' }
          : undefined;
      if (!sent) continue;
      const sourcedId = resultIdFor(lineItem, student);
      results.push({ sourcedId, lineItem, student, ...sent, comment: '' });
    }
  }
  const byId = <T extends { sourcedId: string }>(items: T[]) =>
    [...items].sort((a, b) => a.sourcedId.localeCompare(b.sourcedId));
  return { lineItems: byId(lineItems), results: byId(results) };
}

/** The page's Excused cells, as "courseWorkId userId". */
function excusedOnPage(fx: ClassFixture): Set<string> {
  const cells = new Set<string>();
  fx.page.coursework.forEach((cw, j) => {
    fx.page.studentKeys.forEach((key, i) => {
      if (fx.page.cell(j, i).kind === 'excused') cells.add(`${cw.id} ${key.replace(/^id:/, '')}`);
    });
  });
  return cells;
}

const writesSince = (from: number) =>
  scenario
    .writes()
    .slice(from)
    .map((w) => `${w.method} ${w.path}`);

describe('a teacher exports a class read through the Classroom API', () => {
  let teacher: TeacherPanel;
  const main = () => fixture(0);

  it('the admin sets the Google OAuth client id on the options page', async () => {
    const { admin, browser } = scenario;
    expect(await admin.field('Redirect URI to register').inputValue()).toBe(
      `https://${browser.extensionId}.chromiumapp.org/`,
    );
    await admin.saveGoogleClientId(CLIENT_ID);
  });

  it('the teacher signs in with Google from the panel, through the real launchWebAuthFlow', async () => {
    const { sis } = scenario;
    teacher = await scenario.open(main());
    // Clicked as soon as it shows: it shows once the page is read, so Google is asked for the
    // page's account (login_hint).
    await teacher.signInWithGoogle();
    const asked = google.requestLog.entries.filter((e) => e.path === '/o/oauth2/v2/auth');
    // A silent try (prompt=none) that Google answers with interaction_required, then the window.
    expect(asked.map((e) => [e.query.prompt, e.query.login_hint, e.query.client_id])).toEqual([
      ['none', sis.teacherEmail, CLIENT_ID],
      [undefined, sis.teacherEmail, CLIENT_ID],
    ]);
    expect(google.issuedTokens).toHaveLength(1);
  });

  it('previews the API’s class with the page laid over it: source, rendered rows, a disagreement', async () => {
    const fx = main();
    const course = courseOf(fx);
    // The hidden student's grades exist only in the API.
    for (const [j, cw] of course.coursework.entries()) {
      if (j % 4 !== 0) continue;
      google.updateSubmission(fx.courseId, cw.id, HIDDEN_USER_ID, {
        state: 'RETURNED',
        assignedGrade: j % 10,
        draftGrade: j % 10,
      });
    }
    // Teacher changed a returned grade after the page was drawn: the API's value wins, reported.
    const j = fx.page.coursework.findIndex((_, k) => fx.page.cell(k, 0).kind === 'returned');
    const cw = fx.page.coursework[j] as PageCoursework;
    const pageScore = fx.page.cell(j, 0).score ?? 0;
    const apiScore = pageScore >= 1 ? pageScore - 1 : pageScore + 1;
    const userId = (fx.page.studentKeys[0] ?? '').replace(/^id:/, '');
    google.updateSubmission(fx.courseId, cw.id, userId, {
      assignedGrade: apiScore,
      draftGrade: apiScore,
    });

    const before = google.requestLog.entries.length;
    await teacher.findClasses(fx.klass.classCode);
    await teacher.linkClass(fx.klass.title);
    await teacher.waitForPreview();
    // Every student, the unrendered one too, is matched by the email the API gives.
    expect(await teacher.pendingStudents()).toEqual([]);
    await teacher.chooseCategory(UNIT_TEST, 'Tests');

    // (Chromium itself asks accounts.google.com for its accounts: not ours.) The class has no
    // grading periods: Google's 404 there is tolerated.
    const api = google.requestLog.entries
      .slice(before)
      .filter((e) => e.host === 'classroom.googleapis.com');
    expect(
      api.filter((e) => e.status !== 200 && !e.path.endsWith('/gradingPeriodSettings')),
    ).toEqual([]);
    const submissions = api.filter((e) => e.route === SUBMISSIONS_ROUTE);
    expect(submissions.every((e) => e.path.includes('/courseWork/-/'))).toBe(true);
    // Each preview reads the class again; one read is 42 pages of submissions.
    expect(submissions.filter((e) => e.query.pageToken === undefined).length).toBeGreaterThan(0);
    expect(new Set(submissions.map((e) => e.query.pageToken)).size).toBeGreaterThanOrEqual(42);
    expect(
      new Set(
        api
          .filter((e) => e.route === '/v1/courses/{courseId}/courseWork')
          .map((e) => e.query.pageToken),
      ).size,
    ).toBe(2);

    expect(await teacher.byTestId('preview-source').textContent()).toBe(
      'Data source: the Classroom API, with the Grades page laid over it.',
    );
    expect(await teacher.byTestId('preview-rendered').textContent()).toBe(
      `${STUDENTS - 1} of ${STUDENTS} students are shown on the Grades page.`,
    );
    const student = course.students[0]?.name ?? '';
    // Only the changed grade: Assigned or empty cells past their due date are no disagreement.
    expect(await teacher.byTestId('preview-disagreements').locator('li').allTextContents()).toEqual(
      [
        `${cw.title}, ${student}: the page shows “${pageScore} /${cw.maxPoints}”, the API has “RETURNED · grade ${apiScore} · draft ${apiScore}”`,
      ],
    );
    expect(await teacher.byTestId('preview-unconfirmed-notice').count()).toBe(0);

    const expected = expectedFromApi(scenario.sis, fx, courseOf(fx), excusedOnPage(fx));
    expect(expected.results.some((r) => r.scoreStatus === 'exempt')).toBe(true);
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      `104 line items to create, 0 to update, 0 unchanged, 0 skipped; ${expected.results.length} grades to send, 0 to delete.`,
    );
    expect(scenario.writes()).toEqual([]);
    await teacher.byTestId('preview-sources').scrollIntoViewIfNeeded();
    await teacher.classroom.screenshot('teacher-api-preview');
  });

  it('exports, and the SIS holds exactly the API’s grades with the page’s Excused', async () => {
    const fx = main();
    const expected = expectedFromApi(scenario.sis, fx, courseOf(fx), excusedOnPage(fx));
    await teacher.startExport();
    await teacher.summary.waitFor({ timeout: 120_000 });
    expect(await teacher.summaryCounts()).toEqual({
      created: expected.lineItems.length + expected.results.length,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      failed: 0,
    });
    const held = sisStateOf(scenario.sis, fx.klass.sourcedId);
    // The unrendered student's grades came from the API alone.
    const hidden = fx.unrendered[0]?.sourcedId;
    expect(held.results.filter((r) => r.student === hidden)).toHaveLength(26);
    expect(held).toEqual(expected);
  });

  it('re-exports exactly the two grades changed in Classroom', async () => {
    const fx = main();
    const course = courseOf(fx);
    const hiddenWork = course.coursework[4];
    const changed = fx.page.coursework.findIndex((_, k) => fx.page.cell(k, 2).kind === 'returned');
    const rendered = fx.page.coursework[changed];
    if (!hiddenWork || !rendered) throw new Error('no coursework to change');
    google.updateSubmission(fx.courseId, hiddenWork.id, HIDDEN_USER_ID, { assignedGrade: 7 });
    const userId = (fx.page.studentKeys[2] ?? '').replace(/^id:/, '');
    google.updateSubmission(fx.courseId, rendered.id, userId, { assignedGrade: 1.5 });

    const before = scenario.writes().length;
    await teacher.button('Export grades').click();
    await teacher.waitForPreview();
    expect(await teacher.byTestId('preview-totals').textContent()).toBe(
      '0 line items to create, 0 to update, 104 unchanged, 0 skipped; 2 grades to send, 0 to delete.',
    );
    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    const lineItem = (id: string) => lineItemIdFor(fx.courseId, id);
    const sisId = (email: string) =>
      [...scenario.sis.data.users.values()].find((u) => u.email === email)?.sourcedId ?? '';
    const student = (uid: string) =>
      sisId(course.students.find((s) => s.userId === uid)?.email ?? '');
    const results = `PUT ${new URL(scenario.sis.baseUrl).pathname}/results`;
    expect(writesSince(before).sort()).toEqual(
      [
        resultIdFor(lineItem(hiddenWork.id), student(HIDDEN_USER_ID)),
        resultIdFor(lineItem(rendered.id), student(userId)),
      ]
        .map((id) => `${results}/${id}`)
        .sort(),
    );
    expect(sisStateOf(scenario.sis, fx.klass.sourcedId)).toEqual(
      expectedFromApi(scenario.sis, fx, courseOf(fx), excusedOnPage(fx)),
    );
    await teacher.classroom.page.close();
  });
});

describe('a class opened on its Stream page (Grades never opened)', () => {
  it('previews from the API alone, says Excused and manual marks are unconfirmed, and exports', async () => {
    const fx = fixture(1);
    const teacher = await scenario.open(fx, 'stream');
    // Signed in already: the background renews the token silently, no button.
    await teacher.findClasses(fx.klass.classCode);
    expect(await teacher.byTestId('google-sign-in').count()).toBe(0);
    // The page shows the class but no grades; the API has them, so no "Open the Grades page".
    expect(await teacher.classroom.fact('panel-course-name').textContent()).toContain(
      fx.klass.title,
    );
    expect(await teacher.panel.textContent()).not.toContain('Open the Grades page');
    await teacher.linkClass(fx.klass.title);
    // The preview opens by itself after linking, as on the Grades page.
    await teacher.waitForPreview();
    expect(await teacher.pendingStudents()).toEqual([]);
    await teacher.chooseCategory(UNIT_TEST, 'Tests');
    expect(await teacher.byTestId('preview-source').textContent()).toBe(
      'Data source: the Classroom API.',
    );
    expect(await teacher.byTestId('preview-unconfirmed-notice').textContent()).toMatch(/Excused/);
    expect(await teacher.byTestId('preview-rendered').count()).toBe(0);

    const expected = expectedFromApi(scenario.sis, fx, courseOf(fx), new Set());
    await teacher.startExport();
    await teacher.summary.waitFor(SLOW);
    expect(await teacher.summary.getByRole('heading').textContent()).toBe('Export finished');
    expect(sisStateOf(scenario.sis, fx.klass.sourcedId)).toEqual(expected);
  });
});
