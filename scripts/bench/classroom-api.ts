/**
 * The Classroom API read of a 200-student × 100-coursework class (issue #13): the extension's
 * reader (lib/google/classroom-api.ts) against the fake Google (sandbox/google) at 50 ms latency.
 * Figures: requests used against the lists' pages (target: pages + at most 3) and wall time
 * against requests × latency (target ≤ 1.3×; below 1 when lists are read in parallel).
 */
import { createClassroomApi } from '../../lib/google/classroom-api';
import { generateFakeCourse, READ_ONLY_SCOPES, startFakeGoogle } from '../../sandbox/google/index';

const COURSE_ID = '700000000001';
const LATENCY_MS = 50;
const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

export interface ApiReadFigures {
  students: number;
  coursework: number;
  submissions: number;
  requests: number;
  pages: { students: number; courseWork: number; submissions: number };
  ms: number;
  serialMs: number;
}

export async function benchClassroomApi(): Promise<ApiReadFigures> {
  const course = generateFakeCourse({ id: COURSE_ID, students: 200, coursework: 100, seed: 7 });
  const google = await startFakeGoogle({ autoConsent: true, courses: [course] });
  try {
    const token = await signIn(google.url, google.clientId);
    google.setFaults({ latencyMs: LATENCY_MS });
    const api = createClassroomApi({
      fetch,
      token: async () => token,
      baseUrl: `${google.url}/v1`,
    });
    const before = google.requestLog.entries.length;
    const started = performance.now();
    const data = await api.readCourse(COURSE_ID);
    const ms = performance.now() - started;
    const entries = google.requestLog.entries.slice(before);
    const count = (part: string) => entries.filter((e) => e.path.endsWith(part)).length;
    return {
      students: data.students.length,
      coursework: data.courseWork.length,
      submissions: data.submissions.length,
      requests: entries.length,
      pages: {
        students: count('/students'),
        courseWork: count('/courseWork'),
        submissions: count('/studentSubmissions'),
      },
      ms,
      serialMs: entries.length * LATENCY_MS,
    };
  } finally {
    await google.close();
  }
}

/** Google's implicit flow without a browser: the fake consents at once and redirects. */
async function signIn(base: string, clientId: string): Promise<string> {
  const url = new URL('/o/oauth2/v2/auth', base);
  url.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: REDIRECT,
    response_type: 'token',
    scope: READ_ONLY_SCOPES.join(' '),
    state: 'bench',
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location') ?? '';
  const token = new URLSearchParams(new URL(location).hash.slice(1)).get('access_token');
  if (!token) throw new Error(`the fake Google gave no token (${response.status} ${location})`);
  return token;
}

export function printClassroomApi(f: ApiReadFigures): void {
  const listPages = f.pages.students + f.pages.courseWork + f.pages.submissions;
  console.log(
    `${f.students} students × ${f.coursework} coursework, ${f.submissions} submissions: ${f.requests} requests (list pages: students ${f.pages.students}, coursework ${f.pages.courseWork}, submissions ${f.pages.submissions}; pages + ${f.requests - listPages}, target ≤ pages + 3)`,
  );
  console.log(
    `wall time ${(f.ms / 1000).toFixed(2)} s vs requests × latency ${(f.serialMs / 1000).toFixed(2)} s: ratio ${(f.ms / f.serialMs).toFixed(2)} (target ≤ 1.3)`,
  );
}
