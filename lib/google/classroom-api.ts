/**
 * Reads one class from the Google Classroom API (shared/reference/classroom-evidence.md §2.1):
 * the course, its students (with emails), its published coursework, its grading periods and every
 * student submission (one course-wide list, `courseWork/-/studentSubmissions`), every page of
 * every list. Pure: it gets `fetch` and a token function from the background, which alone holds
 * the Google token; nothing here logs or keeps the token, and no error carries it.
 *
 * Requests: the three lists are independent, so they (and the course and grading periods) run at
 * the same time; the pages of one list follow each other (each needs the previous page's token).
 * A class costs its lists' pages + 2 requests (+ a renewal retry after a 401).
 */
import { readTextCapped } from '../auth/http';
import { retryDelayMs } from '../export/retry';
import { z } from '../zod';
import { ClassroomApiError, type ClassroomApiErrorCode } from './errors';

export const CLASSROOM_API_BASE = 'https://classroom.googleapis.com/v1';

/*
 * Google documents no maximum page size for these lists: students "default is 30", coursework and
 * submissions "Zero or unspecified indicates that the server may assign a maximum. The server may
 * return fewer than the specified number of results" (developers.google.com/classroom/reference/
 * rest/v1, courses.students/list, courses.courseWork/list, courses.courseWork.studentSubmissions/
 * list). So we ask for many and follow `nextPageToken` whatever the server's own cap is.
 */
export const PAGE_SIZE = 1000;

/* Google's shapes, with only the fields we use; unknown fields are dropped, not refused. */

const GoogleDateSchema = z.object({
  year: z.optional(z.number()),
  month: z.optional(z.number()),
  day: z.optional(z.number()),
});
export type GoogleDate = z.infer<typeof GoogleDateSchema>;

const CourseSchema = z.object({
  id: z.string(),
  name: z.optional(z.string()),
  section: z.optional(z.string()),
  courseState: z.optional(z.string()),
  alternateLink: z.optional(z.string()),
  gradebookSettings: z.optional(
    z.object({
      calculationType: z.optional(z.string()),
      gradeCategories: z.optional(
        z.array(z.object({ id: z.string(), name: z.optional(z.string()) })),
      ),
    }),
  ),
});

const StudentSchema = z.object({
  userId: z.string(),
  profile: z.optional(
    z.object({
      id: z.optional(z.string()),
      name: z.optional(
        z.object({
          fullName: z.optional(z.string()),
          givenName: z.optional(z.string()),
          familyName: z.optional(z.string()),
        }),
      ),
      emailAddress: z.optional(z.string()),
    }),
  ),
});

const CourseWorkSchema = z.object({
  id: z.string(),
  title: z.optional(z.string()),
  state: z.optional(z.string()),
  workType: z.optional(z.string()),
  maxPoints: z.optional(z.number()),
  dueDate: z.optional(GoogleDateSchema),
  // TimeOfDay: proto3 leaves out zero fields, so midnight is `{}`.
  dueTime: z.optional(z.object({ hours: z.optional(z.number()), minutes: z.optional(z.number()) })),
  scheduledTime: z.optional(z.string()),
  creationTime: z.optional(z.string()),
  updateTime: z.optional(z.string()),
  gradeCategory: z.optional(z.object({ id: z.string(), name: z.optional(z.string()) })),
  gradingPeriodId: z.optional(z.string()),
  alternateLink: z.optional(z.string()),
});

const SubmissionSchema = z.object({
  id: z.optional(z.string()),
  courseWorkId: z.string(),
  userId: z.string(),
  state: z.optional(z.string()),
  late: z.optional(z.boolean()),
  draftGrade: z.optional(z.number()),
  assignedGrade: z.optional(z.number()),
  updateTime: z.optional(z.string()),
});

const GradingPeriodSchema = z.object({
  id: z.string(),
  title: z.optional(z.string()),
  startDate: z.optional(GoogleDateSchema),
  endDate: z.optional(GoogleDateSchema),
});

const GradingPeriodSettingsSchema = z.object({
  gradingPeriods: z.optional(z.array(GradingPeriodSchema)),
});

export type ApiCourse = z.infer<typeof CourseSchema>;
export type ApiStudent = z.infer<typeof StudentSchema>;
export type ApiCourseWork = z.infer<typeof CourseWorkSchema>;
export type ApiSubmission = z.infer<typeof SubmissionSchema>;
export type ApiGradingPeriod = z.infer<typeof GradingPeriodSchema>;

/** Everything one class read returned, in Google's shapes (lib/google/api-snapshot.ts maps it). */
export interface ClassroomCourseData {
  course: ApiCourse;
  students: ApiStudent[];
  courseWork: ApiCourseWork[];
  gradingPeriods: ApiGradingPeriod[];
  submissions: ApiSubmission[];
}

/** Backoff on 429 / RESOURCE_EXHAUSTED / 5xx / no answer. */
export interface ApiRetryPolicy {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  /** Cap on the exponential part. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the read fails as rate-limited. */
  maxRetryAfterMs: number;
}

/** 6 attempts, waits drawn from [0, 1 s] … [0, 16 s]: Google's quota is a 60 s moving average. */
export const DEFAULT_API_RETRY: ApiRetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 32_000,
  maxRetryAfterMs: 60_000,
};

export interface ClassroomApiOptions {
  fetch: typeof fetch;
  /** The current access token (the background's; it may renew silently). */
  token: () => Promise<string>;
  /** Google refused `sentToken` (401): drop it, so the next `token()` gives a fresh one. */
  onUnauthorized?: (sentToken: string) => void | Promise<void>;
  /** Test seams. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: ApiRetryPolicy;
  /** Per-request timeout. */
  timeoutMs?: number;
  baseUrl?: string;
}

export interface ReadOptions {
  signal?: AbortSignal;
}

export interface ClassroomApi {
  readCourse(courseId: string, options?: ReadOptions): Promise<ClassroomCourseData>;
}

/** A response body larger than this is refused (a page of 1000 submissions is ~1 MB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const ErrorBodySchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(z.array(z.object({ reason: z.optional(z.string()) }))),
    errors: z.optional(z.array(z.object({ reason: z.optional(z.string()) }))),
  }),
});
type GoogleError = z.infer<typeof ErrorBodySchema>['error'];

const RATE_REASONS = new Set(['RATE_LIMIT_EXCEEDED', 'rateLimitExceeded', 'userRateLimitExceeded']);

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createClassroomApi(options: ClassroomApiOptions): ClassroomApi {
  const base = (options.baseUrl ?? CLASSROOM_API_BASE).replace(/\/+$/, '');
  const policy = options.retry ?? DEFAULT_API_RETRY;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;

  // One token shared by the parallel requests; a 401 drops it once, whoever saw it first.
  let pending: Promise<string> | undefined;
  let current: string | undefined;
  const reported = new Set<string>();

  async function tokenNow(): Promise<string> {
    pending ??= options.token();
    try {
      current = await pending;
      return current;
    } catch (error) {
      pending = undefined;
      throw error;
    }
  }

  async function refused(sent: string): Promise<void> {
    if (current === sent) pending = undefined;
    if (reported.has(sent)) return;
    reported.add(sent);
    await options.onUnauthorized?.(sent);
  }

  /** One GET with renewal on 401 and backoff on rate limits; the parsed JSON, or null on `tolerate`. */
  async function get(
    path: string,
    query: Record<string, string>,
    signal: AbortSignal,
    tolerate: readonly number[] = [],
  ): Promise<unknown> {
    const url = `${base}/${path}${toQuery(query)}`;
    const where = `GET ${path}`;
    let renewed = false;
    let attempt = 0;
    for (;;) {
      attempt += 1;
      const sent = await tokenNow();
      let response: Response;
      let text: string | undefined;
      try {
        response = await options.fetch(url, {
          method: 'GET',
          headers: { Authorization: `Bearer ${sent}`, Accept: 'application/json' },
          cache: 'no-store',
          // A redirect would carry the bearer token to wherever Google's answer pointed.
          redirect: 'error',
          signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        });
        text = await readTextCapped(response, MAX_BODY_BYTES);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const reason = error instanceof Error ? error.name : 'error';
        if (attempt < policy.maxAttempts) {
          await sleep(retryDelayMs(attempt, policy, random));
          continue;
        }
        throw new ClassroomApiError('network', `${where}: no answer (${reason})`);
      }
      if (text === undefined) {
        throw new ClassroomApiError('bad-response', `${where}: body too large`, response.status);
      }
      if (response.ok) {
        try {
          return text.trim() === '' ? {} : (JSON.parse(text) as unknown);
        } catch {
          throw new ClassroomApiError('bad-response', `${where}: not JSON`, response.status);
        }
      }
      const google = parseGoogleError(text);
      if (response.status === 401) {
        await refused(sent);
        if (!renewed) {
          renewed = true;
          attempt -= 1;
          continue;
        }
        throw new ClassroomApiError('token-expired', `${where}: 401 after renewal`, 401);
      }
      if (tolerate.includes(response.status)) return null;
      const code = classify(response.status, google, response.headers);
      const detail = `${where}: ${response.status} ${google?.status ?? ''} ${google?.message ?? ''}`;
      if (code === 'rate-limited' || code === 'network') {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const giveUp =
          attempt >= policy.maxAttempts ||
          (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs);
        if (!giveUp) {
          await sleep(retryDelayMs(attempt, policy, random, retryAfterMs));
          continue;
        }
      }
      throw new ClassroomApiError(code, detail.trim(), response.status);
    }
  }

  async function parsed<T extends z.ZodMiniType>(
    schema: T,
    body: unknown,
    path: string,
  ): Promise<z.output<T>> {
    const result = schema.safeParse(body);
    if (!result.success) {
      const issue = result.error.issues[0];
      const at = issue?.path.join('.') ?? '';
      throw new ClassroomApiError('bad-response', `GET ${path}: ${at} ${issue?.message ?? ''}`);
    }
    return result.data;
  }

  /** Every item of a list: pages in order, each asking for PAGE_SIZE. */
  async function list<T extends z.ZodMiniType>(
    path: string,
    key: string,
    item: T,
    query: Record<string, string>,
    signal: AbortSignal,
  ): Promise<Array<z.output<T>>> {
    const page = z.object({
      [key]: z.optional(z.array(item)),
      nextPageToken: z.optional(z.string()),
    });
    const items: Array<z.output<T>> = [];
    const seen = new Set<string>();
    let pageToken: string | undefined;
    do {
      const body = await get(
        path,
        { ...query, pageSize: String(PAGE_SIZE), ...(pageToken ? { pageToken } : {}) },
        signal,
      );
      const value = (await parsed(page, body, path)) as Record<string, unknown>;
      items.push(...((value[key] as Array<z.output<T>> | undefined) ?? []));
      pageToken = (value.nextPageToken as string | undefined) || undefined;
      // A server that hands back a token it gave before would page forever.
      if (pageToken !== undefined) {
        if (seen.has(pageToken)) {
          throw new ClassroomApiError('bad-response', `GET ${path}: repeated page token`);
        }
        seen.add(pageToken);
      }
    } while (pageToken !== undefined);
    return items;
  }

  async function readCourse(courseId: string, read: ReadOptions = {}) {
    // One failure cancels the other lists: their answers could not be used anyway.
    const stop = new AbortController();
    const signal = read.signal ? AbortSignal.any([read.signal, stop.signal]) : stop.signal;
    const course = `courses/${encodeURIComponent(courseId)}`;
    const guard = <T>(promise: Promise<T>) =>
      promise.catch((error: unknown) => {
        stop.abort(error);
        throw error;
      });
    const [courseBody, students, courseWork, periods, submissions] = await Promise.all([
      guard(get(course, {}, signal).then((body) => parsed(CourseSchema, body, course))),
      guard(list(`${course}/students`, 'students', StudentSchema, {}, signal)),
      guard(
        list(
          `${course}/courseWork`,
          'courseWork',
          CourseWorkSchema,
          { courseWorkStates: 'PUBLISHED' },
          signal,
        ),
      ),
      // Grading periods are optional (preview, Education Plus setup): a refusal means none.
      guard(
        get(`${course}/gradingPeriodSettings`, {}, signal, [403, 404]).then((body) =>
          body === null
            ? { gradingPeriods: [] }
            : parsed(GradingPeriodSettingsSchema, body, `${course}/gradingPeriodSettings`),
        ),
      ),
      guard(
        list(
          `${course}/courseWork/-/studentSubmissions`,
          'studentSubmissions',
          SubmissionSchema,
          {},
          signal,
        ),
      ),
    ]);
    return {
      course: courseBody,
      students,
      courseWork,
      gradingPeriods: periods.gradingPeriods ?? [],
      submissions,
    };
  }

  return { readCourse };
}

function toQuery(query: Record<string, string>): string {
  const text = new URLSearchParams(query).toString();
  return text ? `?${text}` : '';
}

function parseGoogleError(text: string): GoogleError | undefined {
  try {
    const result = ErrorBodySchema.safeParse(JSON.parse(text));
    return result.success ? result.data.error : undefined;
  } catch {
    return undefined;
  }
}

/** What a failed status means (developers.google.com/classroom/guides/errors, Access Errors). */
function classify(
  status: number,
  google: GoogleError | undefined,
  headers: Headers,
): ClassroomApiErrorCode {
  const message = google?.message ?? '';
  const reasons = [...(google?.details ?? []), ...(google?.errors ?? [])].map((d) => d.reason);
  if (status === 429 || google?.status === 'RESOURCE_EXHAUSTED') return 'rate-limited';
  if (reasons.some((reason) => reason !== undefined && RATE_REASONS.has(reason))) {
    return 'rate-limited';
  }
  if (status >= 500) return 'network';
  if (status === 404) return 'course-not-found';
  if (status === 403) {
    // Google's guide: match the `@Code ` prefix with its trailing space.
    if (/^@Classroom(?:Api)?Disabled /.test(message) || reasons.includes('SERVICE_DISABLED')) {
      return 'api-disabled';
    }
    if (
      reasons.includes('ACCESS_TOKEN_SCOPE_INSUFFICIENT') ||
      /insufficient (?:authentication )?scopes/i.test(message) ||
      /insufficient_scope/.test(headers.get('www-authenticate') ?? '')
    ) {
      return 'scope-missing';
    }
    return 'not-teacher';
  }
  return 'bad-response';
}

/** Retry-After in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
