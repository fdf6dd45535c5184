/**
 * fakeCourseFromClassFixture: the API view of the e2e Grades-page class must say what the page
 * says, cell by cell, read back through the fake's HTTP API (ids, emails, grades, drafts, excused
 * as no grade, missing as late with Google's automatic draft of 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogle, startFakeGoogle } from '../../../sandbox/google/index.ts';
import { type Sandbox, startSandbox } from '../../../sandbox/index.ts';
import { fakeCourseFromClassFixture } from '../../e2e/support/google-class.ts';
import {
  type ClassFixture,
  teacherClasses,
  writeClassFixture,
} from '../../e2e/support/sandbox-class.ts';
import { api, listAll, tokenFor } from './google-client.ts';

let sis: Sandbox;
let google: FakeGoogle;
let fixture: ClassFixture;
let token: string;
beforeAll(async () => {
  sis = await startSandbox({ seed: 5, students: 30, classes: 4 });
  const klass = teacherClasses(sis)[0];
  if (!klass) throw new Error('the sandbox teacher has no class');
  fixture = writeClassFixture(sis, klass, '734512908812', {
    renamed: [1],
    visitors: ['Vera Visitor'],
  });
  google = await startFakeGoogle({ teacher: { email: sis.teacherEmail } });
  google.addCourse(
    fakeCourseFromClassFixture(fixture, {
      schoolYear: 2027,
      extraStudents: [
        { userId: '429999999999', name: 'Lena Late', email: 'lena@students.example.org' },
      ],
    }),
  );
  token = await tokenFor(google);
});
afterAll(async () => {
  await google?.close();
  await sis?.close();
});

const C = '/v1/courses/734512908812';

describe('fakeCourseFromClassFixture', () => {
  it('the course and roster: page ids and names, SIS emails, visitors too', async () => {
    const course = await api(google, token, C);
    expect(course.body).toMatchObject({
      id: '734512908812',
      name: fixture.klass.title,
      section: fixture.klass.classCode,
    });
    const { body } = await api(google, token, `${C}/students`, { pageSize: '100' });
    const students = body.students ?? [];
    // The page's rows, then the student whose row the page does not render.
    expect(students.map((s) => `id:${s.userId}`)).toEqual([
      ...fixture.page.studentKeys,
      'id:429999999999',
    ]);
    fixture.rows.forEach((user, i) => {
      const s = students[i];
      if (user) expect(s?.profile.emailAddress).toBe(user.email);
      else expect(s?.profile.emailAddress).toMatch(/@students\.example\.org$/);
    });
    // Row 1 is shown under another first name; Classroom's name is the page's, not the SIS's.
    expect(students[1]?.profile.name.fullName).toBe(`Kiddo ${fixture.rows[1]?.familyName}`);
    expect(students.at(-2)?.profile.name.fullName).toBe('Vera Visitor');
    expect(students.at(-1)?.profile.emailAddress).toBe('lena@students.example.org');
  });

  it('coursework: points, ungraded, due dates in the school year, categories', async () => {
    const { body } = await api(google, token, `${C}/courseWork`, { orderBy: 'dueDate asc' });
    const byId = new Map((body.courseWork ?? []).map((cw) => [cw.id, cw]));
    expect(byId.size).toBe(fixture.page.coursework.length);
    for (const cw of fixture.page.coursework) {
      const got = byId.get(cw.id);
      expect(got?.title).toBe(cw.title);
      expect(got?.maxPoints).toBe(cw.maxPoints ?? undefined);
      expect(got?.gradeCategory?.name).toBe(cw.category);
      if (cw.due)
        expect(got?.dueDate).toEqual({
          year: cw.due.month >= 7 ? 2026 : 2027,
          month: cw.due.month,
          day: cw.due.day,
        });
      else expect(got?.dueDate).toBeUndefined();
    }
  });

  it('every cell of the page is what the API says for that submission', async () => {
    const all = await listAll(
      google,
      token,
      `${C}/courseWork/-/studentSubmissions`,
      'studentSubmissions',
    );
    const subs = new Map(all.map((s) => [`${s.courseWorkId}/${s.userId}`, s]));
    expect(subs.size).toBe(fixture.page.coursework.length * (fixture.page.studentKeys.length + 1));
    const lena = all.filter((s) => s.userId === '429999999999');
    expect(lena.map((s) => s.state)).toEqual(fixture.page.coursework.map(() => 'CREATED'));
    const kinds = new Set<string>();
    fixture.page.coursework.forEach((cw, j) => {
      fixture.page.studentKeys.forEach((key, i) => {
        const cell = fixture.page.cell(j, i);
        kinds.add(cell.kind);
        const s = subs.get(`${cw.id}/${key.slice(3)}`);
        const seen = {
          state: s?.state,
          assigned: s?.assignedGrade,
          draft: s?.draftGrade,
          late: s?.late ?? false,
        };
        const expected = {
          returned: { state: 'RETURNED', assigned: cell.score, draft: cell.score, late: false },
          'extra-credit': {
            state: 'RETURNED',
            assigned: cell.score,
            draft: cell.score,
            late: false,
          },
          draft: { state: 'TURNED_IN', assigned: undefined, draft: cell.score, late: false },
          missing: { state: 'CREATED', assigned: undefined, draft: 0, late: true },
          excused: { state: 'CREATED', assigned: undefined, draft: undefined, late: false },
          'turned-in': { state: 'TURNED_IN', assigned: undefined, draft: undefined, late: false },
          'turned-in-late': {
            state: 'TURNED_IN',
            assigned: undefined,
            draft: undefined,
            late: true,
          },
          assigned: { state: 'CREATED', assigned: undefined, draft: undefined, late: false },
          empty: { state: 'NEW', assigned: undefined, draft: undefined, late: false },
        }[cell.kind];
        expect(seen, `${cw.title} × row ${i} (${cell.kind})`).toEqual(expected);
      });
    });
    // The fixture exercises every kind the exporter treats differently.
    expect(kinds.size).toBe(8);
  });
});
