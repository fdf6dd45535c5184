/**
 * The Classroom API reader against a real local HTTP server with Google's shapes: every page of
 * every list, lists read in parallel, the token renewed once on a 401, backoff on rate limits,
 * and one typed, translated error per way Google refuses.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ClassroomApiOptions,
  createClassroomApi,
  PAGE_SIZE,
} from '@/lib/google/classroom-api';
import { ClassroomApiError, describeClassroomApiError } from '@/lib/google/errors';
import {
  type ClassroomApiServer,
  googleError,
  makeCourse,
  startClassroomApiServer,
} from '../../support/classroom-api-server';
import { LOCALES, useLocale } from '../../support/fake-i18n';

let server: ClassroomApiServer;
let waits: number[];

beforeEach(async () => {
  server = await startClassroomApiServer();
  waits = [];
});
afterEach(async () => {
  await server.close();
});

function api(overrides: Partial<ClassroomApiOptions> = {}) {
  return createClassroomApi({
    fetch,
    token: async () => 'good-token',
    baseUrl: server.baseUrl,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ClassroomApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ClassroomApiError);
  return error as ClassroomApiError;
}

describe('createClassroomApi: reading a class', () => {
  it('reads every page of every list, asking for the largest page size, published work only', async () => {
    const course = makeCourse('123', 7, 5);
    course.courseWork.push({ ...course.courseWork[0], id: '599999', state: 'DRAFT' });
    server.courses.set('123', course);
    server.pageCap = 3;

    const data = await api().readCourse('123');

    expect(data.course).toMatchObject({ id: '123', name: 'Class 123', section: 'Period 1' });
    expect(data.students.map((student) => student.userId)).toEqual(
      course.students.map((student) => student.userId),
    );
    expect(data.students[0]?.profile?.emailAddress).toBe('student0@school.example');
    expect(data.courseWork.map((work) => work.id)).toEqual([
      '500000',
      '500001',
      '500002',
      '500003',
      '500004',
    ]);
    expect(data.submissions).toHaveLength(35);
    expect(data.gradingPeriods).toEqual([]);
    // 7 students → 3 pages, 5 coursework → 2, 35 submissions → 12; + course + grading periods.
    expect(server.hits).toHaveLength(3 + 2 + 12 + 2);
    const lists = server.hits.filter((hit) => hit.query.has('pageSize'));
    expect(lists.every((hit) => hit.query.get('pageSize') === String(PAGE_SIZE))).toBe(true);
    expect(
      server.hits
        .filter((hit) => hit.path === 'courses/123/courseWork')
        .map((hit) => hit.query.get('courseWorkStates')),
    ).toEqual(['PUBLISHED', 'PUBLISHED']);
    expect(
      server.hits
        .filter((hit) => hit.path === 'courses/123/students')
        .map((hit) => hit.query.get('pageToken')),
    ).toEqual([null, '3', '6']);
    expect(server.hits.every((hit) => hit.token === 'good-token')).toBe(true);
  });

  it('reads the independent lists at the same time', async () => {
    server.courses.set('123', makeCourse('123', 40, 20));
    server.pageCap = 100;
    await api().readCourse('123');
    expect(server.maxInFlight).toBeGreaterThanOrEqual(3);
  });

  it('keeps Google’s fields it uses and ignores unknown ones', async () => {
    const course = makeCourse('123', 1, 1);
    course.course.gradebookSettings = {
      calculationType: 'TOTAL_POINTS',
      gradeCategories: [{ id: 'cat-1', name: 'Tests', weight: 500000, futureField: true }],
    };
    course.gradingPeriods = [
      { id: 'gp-1', title: 'Term 1', startDate: { year: 2026, month: 9, day: 1 }, extra: 1 },
    ];
    server.courses.set('123', course);
    const data = await api().readCourse('123');
    expect(data.course.gradebookSettings?.gradeCategories).toEqual([
      { id: 'cat-1', name: 'Tests' },
    ]);
    expect(data.gradingPeriods).toEqual([
      { id: 'gp-1', title: 'Term 1', startDate: { year: 2026, month: 9, day: 1 } },
    ]);
  });

  it.each([
    [403, googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission')],
    [404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.')],
  ])('tolerates grading period settings answering %s: no periods', async (status, body) => {
    server.courses.set('123', makeCourse('123', 2, 2));
    server.fault({ path: /gradingPeriodSettings$/, status, body });
    expect((await api().readCourse('123')).gradingPeriods).toEqual([]);
  });

  it('a 200×100 class costs its lists’ pages plus at most 3 requests', async () => {
    server.courses.set('123', makeCourse('123', 200, 100));
    server.pageCap = 500;
    const data = await api().readCourse('123');
    expect(data.submissions).toHaveLength(20_000);
    const pages = Math.ceil(200 / 500) + Math.ceil(100 / 500) + Math.ceil(20_000 / 500);
    expect(server.hits.length).toBeLessThanOrEqual(pages + 3);
    expect(server.hits.filter((hit) => hit.query.has('pageSize'))).toHaveLength(pages);
  });
});

describe('createClassroomApi: the token', () => {
  it('on a 401 reports the refused token once, then retries with a fresh one', async () => {
    server.courses.set('123', makeCourse('123', 3, 3));
    server.tokens = new Set(['fresh-token']);
    let current = 'stale-token';
    const refused: string[] = [];
    const reader = api({
      token: async () => current,
      onUnauthorized: (sent) => {
        refused.push(sent);
        current = 'fresh-token';
      },
    });
    const data = await reader.readCourse('123');
    expect(data.students).toHaveLength(3);
    // Five parallel requests saw the stale token; it is reported once.
    expect(refused).toEqual(['stale-token']);
    expect(server.hits.filter((hit) => hit.status === 401).length).toBeLessThanOrEqual(5);
    expect(
      server.hits.filter((hit) => hit.status === 200).every((hit) => hit.token === 'fresh-token'),
    ).toBe(true);
  });

  it('a token refused again after renewal is token-expired, and the error never holds it', async () => {
    server.courses.set('123', makeCourse('123', 1, 1));
    let n = 0;
    const error = await failure(
      api({
        token: async () => `secret-token-${++n}`,
      }).readCourse('123'),
    );
    expect(error.code).toBe('token-expired');
    expect(error.status).toBe(401);
    expect(`${error.message} ${String(error.stack)}`).not.toMatch(/secret-token/);
  });
});

describe('createClassroomApi: Google’s refusals', () => {
  beforeEach(() => {
    server.courses.set('123', makeCourse('123', 2, 2));
  });

  it.each([
    [
      'api-disabled',
      403,
      googleError(
        403,
        'PERMISSION_DENIED',
        '@ClassroomApiDisabled The user is not permitted to access the Classroom API.',
      ),
    ],
    [
      'scope-missing',
      403,
      {
        error: {
          code: 403,
          message: 'Request had insufficient authentication scopes.',
          status: 'PERMISSION_DENIED',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
            },
          ],
        },
      },
    ],
    [
      'not-teacher',
      403,
      googleError(403, 'PERMISSION_DENIED', 'The caller does not have permission'),
    ],
    ['course-not-found', 404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.')],
    [
      'bad-response',
      400,
      googleError(400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'),
    ],
  ])('%s', async (code, status, body) => {
    server.fault({ path: /^courses\/123$/, status, body });
    const error = await failure(api().readCourse('123'));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('an unknown course is course-not-found', async () => {
    expect((await failure(api().readCourse('999'))).code).toBe('course-not-found');
  });

  it('an answer that is not Google’s shape is bad-response', async () => {
    server.courses.get('123')?.students.push({ profile: { emailAddress: 'x@y.example' } });
    const error = await failure(api().readCourse('123'));
    expect(error.code).toBe('bad-response');
    expect(error.message).toMatch(/students/);
  });

  it('no answer at all is network, after retrying', async () => {
    await server.close();
    const error = await failure(api().readCourse('123'));
    expect(error.code).toBe('network');
    expect(waits.length).toBeGreaterThan(0);
  });
});

describe('createClassroomApi: rate limits', () => {
  beforeEach(() => {
    server.courses.set('123', makeCourse('123', 2, 2));
  });

  it('backs off on 429, never sooner than Retry-After, then reads on', async () => {
    server.fault({
      path: /students$/,
      status: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'),
      headers: { 'retry-after': '7' },
      times: 2,
    });
    const data = await api().readCourse('123');
    expect(data.students).toHaveLength(2);
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 7000)).toBe(true);
  });

  it('retries RESOURCE_EXHAUSTED on a 403 too, with growing jittered waits', async () => {
    server.fault({
      path: /studentSubmissions$/,
      status: 403,
      body: googleError(403, 'RESOURCE_EXHAUSTED', 'Quota exceeded for quota metric'),
      times: 3,
    });
    const data = await api().readCourse('123');
    expect(data.submissions).toHaveLength(4);
    // random() = 0.5 of a ceiling that doubles from 1 s.
    expect(waits).toEqual([500, 1000, 2000]);
  });

  it('gives up as rate-limited after the last attempt', async () => {
    server.fault({
      path: /students$/,
      status: 429,
      body: googleError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'),
      times: 100,
    });
    const error = await failure(
      api({
        retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1000 },
      }).readCourse('123'),
    );
    expect(error.code).toBe('rate-limited');
    expect(server.hits.filter((hit) => hit.path.endsWith('students'))).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than the cap', async () => {
    server.fault({
      path: /students$/,
      status: 429,
      headers: { 'retry-after': '3600' },
      times: 100,
    });
    expect((await failure(api().readCourse('123'))).code).toBe('rate-limited');
    expect(waits).toEqual([]);
  });
});

describe('describeClassroomApiError', () => {
  it('has a translated text for every code, in English and Dutch', () => {
    const codes = [
      'api-disabled',
      'token-expired',
      'scope-missing',
      'not-teacher',
      'course-not-found',
      'rate-limited',
      'network',
      'bad-response',
    ] as const;
    const en = codes.map((code) => describeClassroomApiError(code));
    useLocale('nl');
    const nl = codes.map((code) => describeClassroomApiError(code));
    expect(new Set(en).size).toBe(codes.length);
    for (const [index, text] of en.entries()) {
      expect(text).not.toMatch(/^googleApiError/);
      expect(nl[index]).not.toBe(text);
    }
    expect(en[0]).toBe(LOCALES.en.googleApiErrorApiDisabled?.message);
  });
});
