/**
 * Issue #13 through the background's real router: with Google access set up, preview and export
 * read the class from the Classroom API (the fake Google in sandbox/google, over real HTTP, at the
 * production URLs through a routing fetch) with the teacher's own token, lay the Grades page over
 * it when the panel has one, and the sandbox SIS then holds exactly what the API says. Sign-in
 * goes through the identity seam to the fake's real authorization endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { IdentityFlow } from '@/lib/google/auth';
import type { Preview, ReplyOf } from '@/lib/messaging/replies';
import {
  type FakeCourseInput,
  type FakeGoogle,
  type FakeSubmissionInput,
  startFakeGoogle,
} from '../../sandbox/google/index';
import { OPTIONS_SENDER, panelSender } from '../support/teacher-harness';
import {
  COURSE,
  COURSEWORK,
  expectedState,
  expectSisToHold,
  exportNow,
  linkClass,
  NO_CHOICES,
  setUpTeacherScene,
  snapshot,
  writes,
} from './teacher-scene';

const CLIENT_ID = '123456789012-abcdefghijklmnop.apps.googleusercontent.com';
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
let google: FakeGoogle;

/** The production URLs (accounts.google.com, classroom.googleapis.com) answered by the fake. */
function toFake(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname !== 'classroom.googleapis.com' && parsed.hostname !== 'accounts.google.com')
    return url;
  return new URL(parsed.pathname + parsed.search, google.url).toString();
}

/** The browser's web auth flow: follows Google's redirect to the extension's redirect URI. */
const identity: IdentityFlow = {
  getRedirectURL: () => REDIRECT,
  async launchWebAuthFlow({ url }) {
    const response = await fetch(toFake(url), { redirect: 'manual' });
    const location = response.headers.get('location');
    if (!location?.startsWith(REDIRECT)) throw new Error(`no redirect (${response.status})`);
    return location;
  },
};

const scene = setUpTeacherScene({
  fetch: (input, init) => fetch(toFake(input instanceof Request ? input.url : String(input)), init),
  googleIdentity: identity,
});

/** The class as the Classroom API holds it: what the scene's Grades page shows, minus Excused. */
function apiCourse(page: CourseSnapshot): FakeCourseInput {
  const categories = [...new Set(COURSEWORK.flatMap((cw) => cw.category ?? []))];
  const userId = (key: string) => key.slice('id:'.length);
  const submissions = page.grades.flatMap((grade): FakeSubmissionInput[] => {
    const ids = { courseWorkId: grade.courseworkId, userId: userId(grade.studentKey) };
    switch (grade.state) {
      case 'returned':
        return [{ ...ids, state: 'RETURNED', assignedGrade: grade.score, draftGrade: grade.score }];
      case 'draft':
        return [{ ...ids, state: 'TURNED_IN', draftGrade: grade.score }];
      case 'missing':
        return [{ ...ids, state: 'CREATED', late: true, draftGrade: grade.score ?? 0 }];
      case 'turned-in':
        return [{ ...ids, state: 'TURNED_IN' }];
      default:
        return []; // Excused, assigned, empty: Google's placeholder (CREATED, no grade)
    }
  });
  return {
    id: COURSE,
    name: 'English 10',
    students: page.students.map((student, index) => ({
      userId: userId(student.key),
      name: student.name,
      email: student.email?.toLowerCase() ?? scene.roster[index]?.email ?? 'x@example.org',
    })),
    gradeCategories: categories.map((name, index) => ({ id: `cat-${index}`, name })),
    coursework: COURSEWORK.map((cw) => ({
      id: cw.id,
      title: cw.title,
      ...(cw.maxPoints === null ? {} : { maxPoints: cw.maxPoints }),
      ...(cw.dueDate ? { dueDate: { year: cw.dueDate.year ?? 2025, ...cw.dueDate } } : {}),
      ...(cw.category ? { gradeCategoryId: `cat-${categories.indexOf(cw.category)}` } : {}),
    })),
    submissions,
  };
}

/** What a panel on the class's Stream page sends: the course, no Grades reading. */
function streamPage(page: CourseSnapshot): CourseSnapshot {
  return {
    ...page,
    coverage: { gradebook: false, roster: false },
    coursework: [],
    students: [],
    grades: [],
  };
}

/** The page's reading with every Excused cell gone: what the API alone can know. */
function withoutExcused(page: CourseSnapshot): CourseSnapshot {
  return { ...page, grades: page.grades.filter((grade) => grade.state !== 'excused') };
}

beforeAll(async () => {
  google = await startFakeGoogle({
    clientId: CLIENT_ID,
    autoConsent: true,
    teacher: { email: scene.sis.teacherEmail },
  });
});
afterAll(() => google?.close());

async function setUpGoogle(page: CourseSnapshot) {
  google.addCourse(apiCourse(page));
  google.forgetGrants();
  const saved = await scene.h.send('saveGoogleAccess', { clientId: CLIENT_ID }, OPTIONS_SENDER);
  expect(saved).toMatchObject({ ok: true });
}

/** The class linked, Google access set up and the teacher signed in with Google. */
async function linkedAndSignedIn(page: CourseSnapshot) {
  await setUpGoogle(page);
  await linkClass();
  await scene.h.ask('connectGoogleAccount', {
    courseId: COURSE,
    accountEmail: scene.sis.teacherEmail,
  });
}

const preview = (snap: CourseSnapshot) =>
  scene.h.ask<Preview>('previewExport', { courseId: COURSE, snapshot: snap, choices: NO_CHOICES });

describe('the class from the Classroom API', () => {
  it('asks the teacher to sign in, then exports from a Stream page exactly what the API holds', async () => {
    const page = snapshot();
    await setUpGoogle(page);
    await linkClass();
    const stream = streamPage(page);

    const before = await scene.h.send(
      'previewExport',
      { courseId: COURSE, snapshot: stream, choices: NO_CHOICES },
      panelSender(COURSE),
    );
    expect(before).toMatchObject({ ok: false, error: { code: 'google-sign-in-required' } });
    const state = await scene.h.ask<ReplyOf<'getPanelState'>>('getPanelState', {
      courseId: COURSE,
      accountEmail: scene.sis.teacherEmail,
    });
    expect(state.access.google).toEqual({ configured: true, signedIn: false });

    await scene.h.ask('connectGoogleAccount', {
      courseId: COURSE,
      accountEmail: scene.sis.teacherEmail,
    });
    const shown = await preview(stream);
    expect(shown.sources).toMatchObject({ api: true, page: false });
    const apiOnly = withoutExcused(page);
    const want = expectedState(apiOnly);
    expect(shown.operations).toBe(want.lineItems.length + want.results.length);

    await exportNow(stream);
    expectSisToHold(apiOnly);
    // Read with the teacher's token from the course-wide submissions list (`courseWork/-`).
    const submissions = google.requestLog.byRoute(
      '/v1/courses/{courseId}/courseWork/{courseWorkId}/studentSubmissions',
    );
    expect(submissions.length).toBeGreaterThan(0);
    expect(submissions.every((entry) => entry.path.includes('/courseWork/-/'))).toBe(true);
  });

  it('lays the Grades page over the API: Excused is exported as exempt, a disagreement is shown', async () => {
    const page = snapshot();
    await linkedAndSignedIn(page);
    // The page shows another score than the API holds for one returned grade.
    const misread = snapshot({ '2002/5': { state: 'returned', score: 9 } });
    expect(
      page.grades.find((g) => g.courseworkId === '2002' && g.studentKey === 'id:105'),
    ).toMatchObject({ score: 5 });
    const shown = await preview(misread);
    expect(shown.sources).toMatchObject({ api: true, page: true });
    // Only the misread cell: the page's empty cell where the API only derives Missing from the
    // due date (2002/4) is no disagreement.
    expect(shown.sources?.disagreements).toEqual([
      expect.objectContaining({ courseworkId: '2002', studentKey: 'id:105', page: '9' }),
    ]);

    await exportNow(page);
    expectSisToHold(page); // Excused from the page as exempt, every score from the API
  });

  it('re-exports exactly the two grades changed in Classroom', async () => {
    const page = snapshot();
    await linkedAndSignedIn(page);
    await exportNow(page);
    const first = writes().length;

    google.updateSubmission(COURSE, '2002', '107', { assignedGrade: 10, draftGrade: 10 });
    google.updateSubmission(COURSE, '2005', '108', { assignedGrade: 19, draftGrade: 19 });
    await exportNow(page);
    const again = writes().slice(first);
    expect(again.map((entry) => entry.method)).toEqual(['PUT', 'PUT']);
    expect(again.every((entry) => entry.path.includes('/results/'))).toBe(true);
  });
});
