/**
 * The Classroom API v1 read calls a teacher's export needs, behind a valid bearer token. Each
 * route checks, in Google's order: the method's scopes (403 insufficient scopes), its query
 * parameters (400 for unknown names or bad enum values), the course (404), then that the caller
 * teaches it (403 "The caller does not have permission").
 */
import {
  callerLacksPermission,
  GoogleApiError,
  insufficientScopes,
  invalidArgument,
  notFound,
  unknownParameter,
} from './errors.ts';
import type { FakeCourse, FakeCourseWork } from './model.ts';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  paginate,
  STUDENTS_DEFAULT_PAGE_SIZE,
} from './paging.ts';
import {
  presentCourse,
  presentCourseWork,
  presentProfile,
  presentStudent,
  presentSubmission,
  userIdForEmail,
} from './present.ts';
import { CALL_SCOPES, type CallName, SCOPES } from './scopes.ts';

export interface Account {
  id: string;
  name: string;
  email: string;
}

export interface ApiContext {
  courses: Map<string, FakeCourse>;
  account: Account;
  scopes: readonly string[];
  maxPageSize: number;
}

/** Standard parameters every Google API accepts (system parameters); `fields` is accepted but not applied. */
const SYSTEM_PARAMS = new Set([
  'fields',
  'prettyPrint',
  'alt',
  'key',
  'quotaUser',
  'access_token',
  'oauth_token',
  '$.xgafv',
  'callback',
  'uploadType',
  'upload_protocol',
]);

interface Route {
  name: CallName | 'coursesList';
  pattern: RegExp;
  /** Route pattern for the request log. */
  route: string;
  params: string[];
  handle(ctx: ApiContext, match: string[], query: URLSearchParams, path: string): unknown;
}

const enumValues = (query: URLSearchParams, name: string, allowed: readonly string[]) => {
  const values = query.getAll(name);
  values.forEach((v, i) => {
    if (!allowed.includes(v)) throw invalidArgument(`Invalid value at '${name}[${i}]', "${v}"`);
  });
  return values;
};

const teaches = (ctx: ApiContext, course: FakeCourse) =>
  (course.teachers ?? [ctx.account.email]).some(
    (t) => t.toLowerCase() === ctx.account.email.toLowerCase(),
  );

function courseFor(ctx: ApiContext, id: string | undefined): FakeCourse {
  const course = ctx.courses.get(id ?? '');
  if (!course) throw notFound();
  if (!teaches(ctx, course)) throw callerLacksPermission();
  return course;
}

const ownerIdOf = (ctx: ApiContext, course: FakeCourse) => {
  const owner = course.ownerEmail ?? course.teachers?.[0] ?? ctx.account.email;
  return owner.toLowerCase() === ctx.account.email.toLowerCase()
    ? ctx.account.id
    : userIdForEmail(owner);
};

const listOptions = (ctx: ApiContext, defaultSize = DEFAULT_PAGE_SIZE) => ({
  defaultSize: Math.min(defaultSize, ctx.maxPageSize),
  maxSize: ctx.maxPageSize,
});

function dueKey(cw: FakeCourseWork): number {
  if (!cw.dueDate) return Number.POSITIVE_INFINITY;
  const { year, month, day } = cw.dueDate;
  return Date.UTC(year, month - 1, day, cw.dueTime?.hours ?? 0, cw.dueTime?.minutes ?? 0);
}

/** orderBy: "updateTime desc" by default; fields updateTime and dueDate, asc (default) or desc. */
function sortCourseWork(items: FakeCourseWork[], orderBy: string | null): FakeCourseWork[] {
  const spec = (orderBy ?? 'updateTime desc').split(',').map((part) => {
    const [field, dir, ...rest] = part.trim().split(/\s+/);
    if (
      rest.length > 0 ||
      (field !== 'updateTime' && field !== 'dueDate') ||
      (dir !== undefined && dir !== 'asc' && dir !== 'desc')
    )
      throw invalidArgument(`Invalid orderBy: ${orderBy}`);
    return { field, sign: dir === 'desc' ? -1 : 1 };
  });
  return [...items].sort((a, b) => {
    for (const { field, sign } of spec) {
      const ka = field === 'dueDate' ? dueKey(a) : Date.parse(a.updateTime);
      const kb = field === 'dueDate' ? dueKey(b) : Date.parse(b.updateTime);
      if (ka !== kb) return ka < kb ? -sign : sign;
    }
    return 0;
  });
}

const ROUTES: Route[] = [
  {
    name: 'coursesList',
    pattern: /^\/v1\/courses$/,
    route: '/v1/courses',
    params: ['studentId', 'teacherId', 'courseStates', 'pageSize', 'pageToken'],
    handle(ctx, _m, query, path) {
      const states = enumValues(query, 'courseStates', [
        'ACTIVE',
        'ARCHIVED',
        'PROVISIONED',
        'DECLINED',
        'SUSPENDED',
      ]);
      const teacher = query.get('teacherId');
      const isMe = (id: string | null) =>
        id === 'me' ||
        id === ctx.account.id ||
        id?.toLowerCase() === ctx.account.email.toLowerCase();
      // The account is only ever a teacher here; a studentId filter of itself finds nothing.
      const mine = [...ctx.courses.values()].filter(
        (c) =>
          teaches(ctx, c) &&
          (teacher === null || isMe(teacher)) &&
          query.get('studentId') === null &&
          (states.length === 0 || states.includes(c.courseState)),
      );
      const { page, nextPageToken } = paginate(mine, path, query, listOptions(ctx));
      return {
        ...(page.length > 0 && { courses: page.map((c) => presentCourse(c, ownerIdOf(ctx, c))) }),
        ...(nextPageToken && { nextPageToken }),
      };
    },
  },
  {
    name: 'courseGet',
    pattern: /^\/v1\/courses\/([^/]+)$/,
    route: '/v1/courses/{id}',
    params: [],
    handle(ctx, [, id]) {
      const course = courseFor(ctx, id);
      return presentCourse(course, ownerIdOf(ctx, course));
    },
  },
  {
    name: 'studentsList',
    pattern: /^\/v1\/courses\/([^/]+)\/students$/,
    route: '/v1/courses/{courseId}/students',
    params: ['pageSize', 'pageToken'],
    handle(ctx, [, id], query, path) {
      const course = courseFor(ctx, id);
      // UserProfile.emailAddress: "Must request …/classroom.profile.emails scope for this field to be populated".
      const withEmail = ctx.scopes.includes(SCOPES.profileEmails);
      const { page, nextPageToken } = paginate(
        course.students,
        path,
        query,
        listOptions(ctx, STUDENTS_DEFAULT_PAGE_SIZE),
      );
      return {
        ...(page.length > 0 && {
          students: page.map((s) => presentStudent(course.id, s, withEmail)),
        }),
        ...(nextPageToken && { nextPageToken }),
      };
    },
  },
  {
    name: 'courseWorkList',
    pattern: /^\/v1\/courses\/([^/]+)\/courseWork$/,
    route: '/v1/courses/{courseId}/courseWork',
    params: ['courseWorkStates', 'orderBy', 'pageSize', 'pageToken', 'previewVersion'],
    handle(ctx, [, id], query, path) {
      const course = courseFor(ctx, id);
      const asked = enumValues(query, 'courseWorkStates', [
        'COURSE_WORK_STATE_UNSPECIFIED',
        'PUBLISHED',
        'DRAFT',
        'DELETED',
      ]).filter((s) => s !== 'COURSE_WORK_STATE_UNSPECIFIED');
      // "If unspecified, items with a work status of PUBLISHED is returned."
      const states = asked.length > 0 ? asked : ['PUBLISHED'];
      const items = sortCourseWork(
        course.coursework.filter((cw) => states.includes(cw.state)),
        query.get('orderBy'),
      );
      const { page, nextPageToken } = paginate(items, path, query, listOptions(ctx));
      return {
        ...(page.length > 0 && {
          courseWork: page.map((cw) => presentCourseWork(course, cw, ownerIdOf(ctx, course))),
        }),
        ...(nextPageToken && { nextPageToken }),
      };
    },
  },
  {
    name: 'gradingPeriodSettings',
    pattern: /^\/v1\/courses\/([^/]+)\/gradingPeriodSettings$/,
    route: '/v1/courses/{courseId}/gradingPeriodSettings',
    params: ['previewVersion'],
    handle(ctx, [, id]) {
      const course = courseFor(ctx, id);
      if (!course.gradingPeriods) {
        if (course.noGradingPeriods === 'not-found') throw notFound();
        if (course.noGradingPeriods === 'permission-denied') throw callerLacksPermission();
        return {};
      }
      return {
        ...(course.gradingPeriods.length > 0 && { gradingPeriods: course.gradingPeriods }),
        applyToExistingCoursework: true,
      };
    },
  },
  {
    name: 'submissionsList',
    pattern: /^\/v1\/courses\/([^/]+)\/courseWork\/([^/]+)\/studentSubmissions$/,
    route: '/v1/courses/{courseId}/courseWork/{courseWorkId}/studentSubmissions',
    params: ['userId', 'states', 'late', 'pageSize', 'pageToken', 'previewVersion'],
    handle(ctx, [, id, courseWorkId], query, path) {
      const course = courseFor(ctx, id);
      // "-" asks for every coursework of the course at once.
      if (courseWorkId !== '-' && !course.coursework.some((cw) => cw.id === courseWorkId))
        throw notFound();
      const states = enumValues(query, 'states', [
        'SUBMISSION_STATE_UNSPECIFIED',
        'NEW',
        'CREATED',
        'TURNED_IN',
        'RETURNED',
        'RECLAIMED_BY_STUDENT',
      ]).filter((s) => s !== 'SUBMISSION_STATE_UNSPECIFIED');
      const late = query.get('late');
      if (late && !['LATE_VALUES_UNSPECIFIED', 'LATE_ONLY', 'NOT_LATE_ONLY'].includes(late))
        throw invalidArgument(`Invalid value at 'late', "${late}"`);
      // userId: the numeric id, the email, or "me" (the teacher has no submissions).
      const user = query.get('userId');
      const userId =
        user === null
          ? undefined
          : user === 'me'
            ? ctx.account.id
            : (course.students.find((s) => s.email.toLowerCase() === user.toLowerCase())?.userId ??
              user);
      const items = course.submissions.filter(
        (s) =>
          (courseWorkId === '-' || s.courseWorkId === courseWorkId) &&
          (userId === undefined || s.userId === userId) &&
          (states.length === 0 || states.includes(s.state)) &&
          (late !== 'LATE_ONLY' || s.late) &&
          (late !== 'NOT_LATE_ONLY' || !s.late),
      );
      const { page, nextPageToken } = paginate(items, path, query, listOptions(ctx));
      const workType = (cwId: string) =>
        course.coursework.find((cw) => cw.id === cwId)?.workType ?? 'ASSIGNMENT';
      return {
        ...(page.length > 0 && {
          studentSubmissions: page.map((s) =>
            presentSubmission(course, s, workType(s.courseWorkId)),
          ),
        }),
        ...(nextPageToken && { nextPageToken }),
      };
    },
  },
  {
    name: 'userProfileGet',
    pattern: /^\/v1\/userProfiles\/([^/]+)$/,
    route: '/v1/userProfiles/{userId}',
    params: [],
    handle(ctx, [, userId]) {
      const who = decodeURIComponent(userId ?? '');
      const isMe =
        who === 'me' ||
        who === ctx.account.id ||
        who.toLowerCase() === ctx.account.email.toLowerCase();
      if (!isMe) throw notFound();
      return presentProfile(ctx.account, ctx.scopes.includes(SCOPES.profileEmails));
    },
  },
];

export interface ApiMatch {
  route: string;
  run(ctx: ApiContext): unknown;
}

/** The route for a GET path, or undefined (→ 404 "Method not found."). */
export function matchApi(
  method: string,
  path: string,
  query: URLSearchParams,
): ApiMatch | undefined {
  if (method !== 'GET') return undefined;
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    return {
      route: r.route,
      run(ctx) {
        const needed: readonly string[] =
          r.name === 'coursesList' ? CALL_SCOPES.courseGet : CALL_SCOPES[r.name];
        if (!needed.some((s) => ctx.scopes.includes(s))) throw insufficientScopes(r.route);
        for (const name of new Set(query.keys()))
          if (!r.params.includes(name) && !SYSTEM_PARAMS.has(name)) throw unknownParameter(name);
        return r.handle(ctx, [...m], query, path);
      },
    };
  }
  return undefined;
}

export const methodNotFound = () => new GoogleApiError(404, 'NOT_FOUND', 'Method not found.');

export { MAX_PAGE_SIZE };
