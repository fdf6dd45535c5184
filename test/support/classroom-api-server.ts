/**
 * A tiny Classroom API for the reader's unit tests: a real HTTP server on 127.0.0.1 with Google's
 * REST shapes (list keys, `nextPageToken`, the `{error: {code, message, status}}` body), its own
 * page cap, bearer tokens it accepts or refuses, and faults queued per path. Private to
 * test/lib/google: the full fake Google for demo and e2e lives in sandbox/google/.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCourse {
  course: Record<string, unknown>;
  students: Array<Record<string, unknown>>;
  courseWork: Array<Record<string, unknown>>;
  submissions: Array<Record<string, unknown>>;
  /** Absent: gradingPeriodSettings answers 404. */
  gradingPeriods?: Array<Record<string, unknown>>;
}

export interface Fault {
  /** Matched against the request path (after /v1/). */
  path: RegExp;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests it answers (default 1). */
  times?: number;
}

export interface Hit {
  path: string;
  query: URLSearchParams;
  token: string | undefined;
  status: number;
}

export interface ClassroomApiServer {
  baseUrl: string;
  courses: Map<string, FakeCourse>;
  /** Tokens the server accepts; any other gets 401. */
  tokens: Set<string>;
  /** The server's own page cap (Google "may return fewer"). */
  pageCap: number;
  hits: Hit[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  fault(fault: Fault): void;
  close(): Promise<void>;
}

export const googleError = (code: number, status: string, message: string) => ({
  error: { code, message, status },
});

export async function startClassroomApiServer(): Promise<ClassroomApiServer> {
  const faults: Array<Fault & { left: number }> = [];
  let inFlight = 0;
  const state: Omit<ClassroomApiServer, 'baseUrl' | 'close' | 'fault'> = {
    courses: new Map(),
    tokens: new Set(['good-token']),
    pageCap: 1000,
    hits: [],
    maxInFlight: 0,
  };

  const server = createServer((request, response) => {
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/v1\//, '');
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      state.hits.push({ path, query: url.searchParams, token, status });
      // Answer on the next tick, so parallel requests really overlap.
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(body));
      }, 2);
    };
    if (token === undefined || !state.tokens.has(token)) {
      reply(
        401,
        googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'),
      );
      return;
    }
    const fault = faults.find((candidate) => candidate.left > 0 && candidate.path.test(path));
    if (fault) {
      fault.left -= 1;
      reply(fault.status, fault.body ?? {}, fault.headers);
      return;
    }
    const match = /^courses\/([^/]+)(?:\/(.*))?$/.exec(path);
    const course = match?.[1] ? state.courses.get(decodeURIComponent(match[1])) : undefined;
    if (!course) {
      reply(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
      return;
    }
    const page = (key: string, items: Array<Record<string, unknown>>) => {
      const asked = Number(url.searchParams.get('pageSize') ?? '0');
      const size = Math.min(asked > 0 ? asked : 30, state.pageCap);
      const start = Number(url.searchParams.get('pageToken') ?? '0');
      const slice = items.slice(start, start + size);
      const next = start + size < items.length ? String(start + size) : undefined;
      // Google leaves empty lists and the last page's token out.
      reply(200, {
        ...(slice.length ? { [key]: slice } : {}),
        ...(next ? { nextPageToken: next } : {}),
      });
    };
    switch (match?.[2]) {
      case undefined:
        reply(200, course.course);
        return;
      case 'students':
        page('students', course.students);
        return;
      case 'courseWork': {
        const states = url.searchParams.getAll('courseWorkStates');
        const wanted = states.length ? states : ['PUBLISHED'];
        page(
          'courseWork',
          course.courseWork.filter((item) => wanted.includes(String(item.state ?? 'PUBLISHED'))),
        );
        return;
      }
      case 'courseWork/-/studentSubmissions':
        page('studentSubmissions', course.submissions);
        return;
      case 'gradingPeriodSettings':
        if (!course.gradingPeriods) {
          reply(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
        } else {
          reply(200, course.gradingPeriods.length ? { gradingPeriods: course.gradingPeriods } : {});
        }
        return;
      default:
        reply(404, googleError(404, 'NOT_FOUND', 'Requested entity was not found.'));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    fault(fault: Fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** A class of `students` × `coursework` with one submission per cell, in Google's shapes. */
export function makeCourse(id: string, studentCount: number, courseworkCount: number): FakeCourse {
  const students = Array.from({ length: studentCount }, (_, index) => ({
    courseId: id,
    userId: String(100000 + index),
    profile: {
      id: String(100000 + index),
      name: { givenName: `Student`, familyName: `${index}`, fullName: `Student ${index}` },
      emailAddress: `student${index}@school.example`,
    },
  }));
  const courseWork = Array.from({ length: courseworkCount }, (_, index) => ({
    courseId: id,
    id: String(500000 + index),
    title: `Assignment ${index}`,
    state: 'PUBLISHED',
    workType: 'ASSIGNMENT',
    maxPoints: 10,
    creationTime: '2026-09-01T08:00:00.123456Z',
    dueDate: { year: 2026, month: 9, day: 10 },
    dueTime: { hours: 21, minutes: 59 },
  }));
  const submissions = courseWork.flatMap((work) =>
    students.map((student, index) => ({
      courseId: id,
      courseWorkId: work.id,
      id: `s-${work.id}-${student.userId}`,
      userId: student.userId,
      state: 'RETURNED',
      assignedGrade: index % 11,
      draftGrade: index % 11,
    })),
  );
  return {
    course: { id, name: `Class ${id}`, section: 'Period 1', courseState: 'ACTIVE' },
    students,
    courseWork,
    submissions,
    gradingPeriods: [],
  };
}
