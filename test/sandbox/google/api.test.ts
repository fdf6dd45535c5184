/**
 * The fake Classroom API: Google's resource shapes, scopes, token expiry and each error shape
 * (401 missing/invalid/expired, 403 scopes / not a teacher / API disabled, 404, 400, 429).
 */
import { get } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogle,
  NO_GOOGLE_FAULTS,
  READ_ONLY_SCOPES,
  SCOPES,
  startFakeGoogle,
} from '../../../sandbox/google/index.ts';
import { api, tokenFor } from './google-client.ts';

const TEACHER = { email: 'ms.rivera@school.example.org', name: 'Ana Rivera', id: '1001' };

let google: FakeGoogle;
let token: string;
beforeAll(async () => {
  google = await startFakeGoogle({ teacher: TEACHER, tokenTtlSeconds: 600 });
  google.addCourse({
    id: '734512908812',
    name: 'Biology',
    section: 'Period 3',
    students: [
      { userId: '420000000000', name: 'Ada Lovelace', email: 'ada@students.example.org' },
      { userId: '420000000001', name: 'Ben de Vries', email: 'ben@students.example.org' },
    ],
    gradeCategories: [{ id: '61', name: 'Quizzes', weight: 250000, defaultGradeDenominator: 10 }],
    coursework: [
      {
        id: '510000000001',
        title: 'Lab safety quiz',
        maxPoints: 10,
        dueDate: { year: 2026, month: 9, day: 12 },
        dueTime: { hours: 23, minutes: 0 },
        gradeCategoryId: '61',
        gradingPeriodId: '81',
        creationTime: '2026-09-05T09:00:00.000Z',
        scheduledTime: '2026-09-06T07:00:00.000Z',
      },
      { id: '510000000002', title: 'Reading log', creationTime: '2026-09-07T09:00:00.000Z' },
      { id: '510000000003', title: 'Unpublished', state: 'DRAFT', maxPoints: 5 },
    ],
    submissions: [
      {
        courseWorkId: '510000000001',
        userId: '420000000000',
        state: 'RETURNED',
        assignedGrade: 9.5,
        draftGrade: 9.5,
      },
      {
        courseWorkId: '510000000001',
        userId: '420000000001',
        state: 'CREATED',
        late: true,
        draftGrade: 0,
      },
    ],
    gradingPeriods: [
      {
        id: '81',
        title: 'Term 1',
        startDate: { year: 2026, month: 8, day: 15 },
        endDate: { year: 2026, month: 12, day: 20 },
      },
    ],
  });
  google.addCourse({ id: '999', name: 'Chemistry', teachers: ['someone.else@school.example.org'] });
  google.addCourse({ id: '55', name: 'No periods' });
  token = await tokenFor(google);
});
afterAll(() => google.close());
beforeEach(() => {
  google.setFaults(NO_GOOGLE_FAULTS);
});

const C = '/v1/courses/734512908812';

describe('resources', () => {
  it('course: id, name, section, state, link, gradebook settings with categories', async () => {
    const { status, body } = await api(google, token, C);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: '734512908812',
      name: 'Biology',
      section: 'Period 3',
      courseState: 'ACTIVE',
      ownerId: '1001',
      alternateLink: 'https://classroom.google.com/c/NzM0NTEyOTA4ODEy',
      gradebookSettings: {
        calculationType: 'TOTAL_POINTS',
        gradeCategories: [
          { id: '61', name: 'Quizzes', weight: 250000, defaultGradeDenominator: 10 },
        ],
      },
    });
  });

  it('students carry emails only with the profile.emails scope', async () => {
    const { body } = await api(google, token, `${C}/students`);
    expect(body.students?.[0]).toEqual({
      courseId: '734512908812',
      userId: '420000000000',
      profile: {
        id: '420000000000',
        name: { givenName: 'Ada', familyName: 'Lovelace', fullName: 'Ada Lovelace' },
        emailAddress: 'ada@students.example.org',
      },
    });
    const noEmails = await tokenFor(
      google,
      READ_ONLY_SCOPES.filter((s) => s !== SCOPES.profileEmails),
    );
    const bare = await api(google, noEmails, `${C}/students`);
    expect(bare.status).toBe(200);
    expect(bare.body.students?.[1]?.profile.name.fullName).toBe('Ben de Vries');
    expect(bare.body.students?.[1]?.profile.emailAddress).toBeUndefined();
  });

  it('courseWork: published only by default, Google field shapes, zero parts of times left out', async () => {
    const { body } = await api(google, token, `${C}/courseWork`, { orderBy: 'dueDate asc' });
    expect(body.courseWork?.map((cw) => cw.id)).toEqual(['510000000001', '510000000002']);
    expect(body.courseWork?.[0]).toMatchObject({
      courseId: '734512908812',
      title: 'Lab safety quiz',
      state: 'PUBLISHED',
      maxPoints: 10,
      dueDate: { year: 2026, month: 9, day: 12 },
      dueTime: { hours: 23 },
      gradeCategory: { id: '61', name: 'Quizzes' },
      gradingPeriodId: '81',
      scheduledTime: '2026-09-06T07:00:00.000Z',
      creationTime: '2026-09-05T09:00:00.000Z',
      workType: 'ASSIGNMENT',
    });
    expect(body.courseWork?.[0]?.dueTime).toEqual({ hours: 23 });
    // Ungraded: no maxPoints; no due date: no dueDate/dueTime; nothing is null.
    const ungraded = body.courseWork?.[1];
    expect(ungraded && 'maxPoints' in ungraded).toBe(false);
    expect(ungraded && 'dueDate' in ungraded).toBe(false);
    expect(JSON.stringify(body)).not.toContain('null');
    const drafts = await api(google, token, `${C}/courseWork`, {
      courseWorkStates: ['DRAFT', 'PUBLISHED'],
    });
    expect(drafts.body.courseWork).toHaveLength(3);
  });

  it('submissions of all coursework with "-": grades, late only when true, placeholders', async () => {
    const { body } = await api(google, token, `${C}/courseWork/-/studentSubmissions`);
    const subs = body.studentSubmissions ?? [];
    // 2 students × 2 published coursework; the draft coursework has none.
    expect(subs).toHaveLength(4);
    const graded = subs.find(
      (s) => s.userId === '420000000000' && s.courseWorkId === '510000000001',
    );
    expect(graded).toMatchObject({ state: 'RETURNED', assignedGrade: 9.5, draftGrade: 9.5 });
    expect(graded && 'late' in graded).toBe(false);
    const missing = subs.find(
      (s) => s.userId === '420000000001' && s.courseWorkId === '510000000001',
    );
    expect(missing).toMatchObject({ state: 'CREATED', late: true, draftGrade: 0 });
    expect(missing && 'assignedGrade' in missing).toBe(false);
    const placeholder = subs.find((s) => s.courseWorkId === '510000000002');
    expect(placeholder).toMatchObject({ state: 'CREATED' });
    const lateOnly = await api(google, token, `${C}/courseWork/-/studentSubmissions`, {
      late: 'LATE_ONLY',
    });
    expect(lateOnly.body.studentSubmissions?.map((s) => s.userId)).toEqual(['420000000001']);
    const byEmail = await api(google, token, `${C}/courseWork/510000000001/studentSubmissions`, {
      userId: 'ada@students.example.org',
    });
    expect(byEmail.body.studentSubmissions).toHaveLength(1);
  });

  it('updateSubmission changes what the API returns and bumps updateTime', async () => {
    const before = await api(google, token, `${C}/courseWork/510000000001/studentSubmissions`, {
      userId: '420000000001',
    });
    google.updateSubmission('734512908812', '510000000001', '420000000001', {
      assignedGrade: 7,
      draftGrade: 7,
      state: 'RETURNED',
      late: false,
    });
    const after = await api(google, token, `${C}/courseWork/510000000001/studentSubmissions`, {
      userId: '420000000001',
    });
    const sub = after.body.studentSubmissions?.[0];
    expect(sub).toMatchObject({ state: 'RETURNED', assignedGrade: 7, draftGrade: 7 });
    expect(sub && 'late' in sub).toBe(false);
    expect(sub?.updateTime).not.toBe(before.body.studentSubmissions?.[0]?.updateTime);
    google.updateSubmission('734512908812', '510000000001', '420000000001', {
      assignedGrade: null,
    });
    const cleared = await api(google, token, `${C}/courseWork/510000000001/studentSubmissions`, {
      userId: '420000000001',
    });
    expect(cleared.body.studentSubmissions?.[0]?.assignedGrade).toBeUndefined();
  });

  it('grading period settings; a course without periods answers as configured', async () => {
    const { body } = await api(google, token, `${C}/gradingPeriodSettings`);
    expect(body.gradingPeriods?.[0]).toEqual({
      id: '81',
      title: 'Term 1',
      startDate: { year: 2026, month: 8, day: 15 },
      endDate: { year: 2026, month: 12, day: 20 },
    });
    expect((await api(google, token, '/v1/courses/55/gradingPeriodSettings')).status).toBe(404);
    google.addCourse({ id: '56', name: 'A', noGradingPeriods: 'permission-denied' });
    expect((await api(google, token, '/v1/courses/56/gradingPeriodSettings')).status).toBe(403);
    google.addCourse({ id: '57', name: 'B', noGradingPeriods: 'empty' });
    const empty = await api(google, token, '/v1/courses/57/gradingPeriodSettings');
    expect(empty).toMatchObject({ status: 200, body: {} });
  });

  it('userProfiles/me names the signed-in teacher', async () => {
    const { body } = await api(google, token, '/v1/userProfiles/me');
    expect(body).toMatchObject({
      id: '1001',
      emailAddress: 'ms.rivera@school.example.org',
      name: { fullName: 'Ana Rivera' },
    });
  });
});

describe('errors', () => {
  it('no token → 401 UNAUTHENTICATED (credentials missing)', async () => {
    const { status, body, headers } = await api(google, undefined, C);
    expect(status).toBe(401);
    expect(body.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED' });
    expect(body.error?.message).toMatch(/^Request is missing required authentication credential/);
    expect(headers.get('www-authenticate')).toContain('Bearer');
  });

  it('an unknown token → 401 invalid credentials', async () => {
    const { status, body } = await api(google, 'ya29.not-a-token', C);
    expect(status).toBe(401);
    expect(body.error?.message).toMatch(/^Request had invalid authentication credentials\./);
  });

  it('an expired token → 401; a new one works', async () => {
    const short = await tokenFor(google);
    expect((await api(google, short, C)).status).toBe(200);
    google.setClockOffsetMs(601_000);
    try {
      const expired = await api(google, short, C);
      expect(expired.status).toBe(401);
      expect(expired.body.error?.status).toBe('UNAUTHENTICATED');
      expect((await api(google, await tokenFor(google), C)).status).toBe(200);
    } finally {
      google.setClockOffsetMs(0);
    }
  });

  it('revokeTokens: every issued token gets 401', async () => {
    const t = await tokenFor(google);
    google.revokeTokens();
    expect((await api(google, t, C)).status).toBe(401);
    token = await tokenFor(google);
  });

  it('a call without its scope → 403 insufficient scopes with ACCESS_TOKEN_SCOPE_INSUFFICIENT', async () => {
    const coursesOnly = await tokenFor(google, [SCOPES.coursesReadonly]);
    expect((await api(google, coursesOnly, C)).status).toBe(200);
    for (const path of [
      `${C}/students`,
      `${C}/courseWork`,
      `${C}/courseWork/-/studentSubmissions`,
    ]) {
      const { status, body } = await api(google, coursesOnly, path);
      expect(status).toBe(403);
      expect(body.error).toMatchObject({
        code: 403,
        status: 'PERMISSION_DENIED',
        message: 'Request had insufficient authentication scopes.',
      });
      expect(body.error?.details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    }
  });

  it('not a teacher of the course → 403 "The caller does not have permission"', async () => {
    for (const path of ['/v1/courses/999', '/v1/courses/999/students']) {
      const { status, body } = await api(google, token, path);
      expect(status).toBe(403);
      expect(body).toEqual({
        error: {
          code: 403,
          message: 'The caller does not have permission',
          status: 'PERMISSION_DENIED',
        },
      });
    }
  });

  it('unknown course or coursework → 404 NOT_FOUND', async () => {
    for (const path of [
      '/v1/courses/123',
      '/v1/courses/123/courseWork',
      `${C}/courseWork/1/studentSubmissions`,
    ]) {
      const { status, body } = await api(google, token, path);
      expect(status).toBe(404);
      expect(body).toEqual({
        error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' },
      });
    }
  });

  it('Classroom API turned off by the admin → 403 @ClassroomApiDisabled on every call', async () => {
    google.setFaults({ apiDisabled: true });
    for (const path of [C, '/v1/userProfiles/me']) {
      const { status, body } = await api(google, token, path);
      expect(status).toBe(403);
      expect(body).toEqual({
        error: {
          code: 403,
          message: '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
          status: 'PERMISSION_DENIED',
        },
      });
    }
    expect(google.requestLog.entries.at(-1)?.fault).toBe('api-disabled');
  });

  it('unknown parameters, bad enum values and bad orderBy → 400 INVALID_ARGUMENT', async () => {
    const unknown = await api(google, token, `${C}/students`, { limit: '10' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
    expect(unknown.body.error?.message).toContain('Unknown name "limit"');
    const badState = await api(google, token, `${C}/courseWork`, { courseWorkStates: 'OPEN' });
    expect(badState.status).toBe(400);
    const badOrder = await api(google, token, `${C}/courseWork`, { orderBy: 'title asc' });
    expect(badOrder.status).toBe(400);
    // System parameters are always accepted.
    expect((await api(google, token, `${C}/students`, { prettyPrint: 'false' })).status).toBe(200);
  });

  it('429 RESOURCE_EXHAUSTED on every Nth request, with Retry-After when set', async () => {
    google.setFaults({ rateLimitEvery: 3, retryAfterSeconds: 2 });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 6; i++) {
      const reply = await api(google, token, C);
      statuses.push(reply.status);
      if (reply.status === 429) limited = reply;
    }
    expect(statuses).toEqual([200, 200, 429, 200, 200, 429]);
    expect(limited?.body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(limited?.body.error?.details?.[0]?.reason).toBe('RATE_LIMIT_EXCEEDED');
    expect(limited?.headers.get('retry-after')).toBe('2');
    google.setFaults({ rateLimitEvery: 1, retryAfterSeconds: undefined });
    expect((await api(google, token, C)).headers.get('retry-after')).toBeNull();
  });

  it('latency delays every answer', async () => {
    google.setFaults({ latencyMs: 80 });
    const started = performance.now();
    await api(google, token, C);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it('each hostname serves only its own paths', async () => {
    // fetch() will not send another Host header; node:http will.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      get(
        `${google.url}/v1/userProfiles/me`,
        { headers: { Host: 'accounts.google.com', Authorization: `Bearer ${token}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      ).on('error', reject);
    });
    expect(status).toBe(404);
    const log = google.requestLog.entries.at(-1);
    expect(log).toMatchObject({ host: 'accounts.google.com', status: 404 });
  });

  it('logs method, path, route, query, status and token id', async () => {
    google.requestLog.clear();
    await api(google, token, `${C}/students`, { pageSize: '1' });
    expect(google.requestLog.entries[0]).toMatchObject({
      method: 'GET',
      path: `${C}/students`,
      route: '/v1/courses/{courseId}/students',
      query: { pageSize: '1' },
      status: 200,
      tokenId: expect.stringMatching(/^t\d+$/),
    });
  });
});

describe('more of Google', () => {
  it('work assigned to some students: INDIVIDUAL_STUDENTS, submissions only for them', async () => {
    google.addCourse({
      id: '60',
      name: 'Small groups',
      students: [
        { userId: '1', name: 'A One', email: 'a@x.org' },
        { userId: '2', name: 'B Two', email: 'b@x.org' },
      ],
      coursework: [{ id: '600', title: 'Only B', maxPoints: 5, assigneeUserIds: ['2'] }],
    });
    const cw = await api(google, token, '/v1/courses/60/courseWork');
    expect(cw.body.courseWork?.[0]).toMatchObject({
      assigneeMode: 'INDIVIDUAL_STUDENTS',
      individualStudentsOptions: { studentIds: ['2'] },
    });
    const subs = await api(google, token, '/v1/courses/60/courseWork/-/studentSubmissions');
    expect(subs.body.studentSubmissions?.map((s) => s.userId)).toEqual(['2']);
  });

  it('the per-minute quota: 429 past N requests in 60 s, through again a minute later', async () => {
    google.setFaults({ perMinuteQuota: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await api(google, token, C)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      google.setClockOffsetMs(61_000);
      expect((await api(google, token, C)).status).toBe(200);
    } finally {
      google.setClockOffsetMs(0);
    }
  });
});

describe('CORS, as googleapis.com answers browsers', () => {
  it('a preflight needs no token; answers carry the caller origin, errors too', async () => {
    const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const pre = await fetch(`${google.url}${C}/students`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization');
    const ok = await fetch(`${google.url}${C}`, {
      headers: { Origin: origin, Authorization: `Bearer ${token}` },
    });
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    const denied = await fetch(`${google.url}${C}`, { headers: { Origin: origin } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe(origin);
  });
});
