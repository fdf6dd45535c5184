/**
 * A tiny client for the fake Google's own tests: drives the authorization endpoint as a browser
 * would (no redirects followed, the fragment parsed) and calls the Classroom API with a token.
 */
import type { FakeGoogle } from '../../../sandbox/google/index.ts';
import { READ_ONLY_SCOPES } from '../../../sandbox/google/index.ts';

export const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

export interface AuthReply {
  status: number;
  /** Parsed fragment of a redirect (access_token, error, state, …). */
  fragment?: Record<string, string>;
  location?: string;
  html?: string;
}

async function toAuthReply(res: Response): Promise<AuthReply> {
  const location = res.headers.get('location') ?? undefined;
  if (location) {
    const hash = location.slice(location.indexOf('#') + 1);
    return {
      status: res.status,
      location,
      fragment: Object.fromEntries(new URLSearchParams(hash)),
    };
  }
  return { status: res.status, html: await res.text() };
}

export async function authorize(
  google: FakeGoogle,
  params: Record<string, string> = {},
): Promise<AuthReply> {
  const query = new URLSearchParams({
    client_id: google.clientId,
    redirect_uri: EXTENSION_REDIRECT,
    response_type: 'token',
    scope: READ_ONLY_SCOPES.join(' '),
    state: 'st-123',
    ...params,
  });
  const res = await fetch(`${google.url}/o/oauth2/v2/auth?${query}`, { redirect: 'manual' });
  return toAuthReply(res);
}

/** Submits the consent page's form as the Allow or Cancel button would. */
export async function submitConsent(
  google: FakeGoogle,
  html: string,
  action: 'allow' | 'cancel',
  scopes?: string[],
): Promise<AuthReply> {
  const tx = /name="tx" value="([^"]+)"/.exec(html)?.[1];
  if (!tx) throw new Error('no consent transaction in the page');
  const form = new URLSearchParams({ tx, action });
  if (scopes) {
    form.set('granular', '1');
    for (const s of scopes) form.append('scope', s);
  }
  const res = await fetch(`${google.url}/o/oauth2/v2/auth/consent`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  return toAuthReply(res);
}

/** A token for the given scopes through the consent page (the account grants them). */
export async function tokenFor(google: FakeGoogle, scopes = READ_ONLY_SCOPES): Promise<string> {
  const page = await authorize(google, { scope: scopes.join(' '), prompt: 'consent' });
  const reply = page.html ? await submitConsent(google, page.html, 'allow') : page;
  const token = reply.fragment?.access_token;
  if (!token) throw new Error(`no token: ${JSON.stringify(reply)}`);
  return token;
}

type Fields = Record<string, unknown>;
type Date3 = { year: number; month: number; day: number };

/** The parts of Classroom's JSON the tests read (what the fake sends, unchecked: it is under test). */
export interface ClassroomJson extends Fields {
  error?: { code: number; message: string; status: string; details?: Array<{ reason?: string }> };
  nextPageToken?: string;
  id?: string;
  name?: string;
  emailAddress?: string;
  students?: Array<{
    courseId: string;
    userId: string;
    profile: { id: string; name: { fullName: string }; emailAddress?: string } & Fields;
  }>;
  courseWork?: Array<
    {
      id: string;
      title: string;
      state: string;
      dueDate?: Date3;
      dueTime?: { hours?: number; minutes?: number };
      maxPoints?: number;
      gradeCategory?: { id: string; name: string };
      updateTime: string;
    } & Fields
  >;
  studentSubmissions?: Array<
    {
      courseWorkId: string;
      userId: string;
      state: string;
      late?: boolean;
      draftGrade?: number;
      assignedGrade?: number;
      updateTime: string;
    } & Fields
  >;
  gradingPeriods?: Array<{ id: string; title: string; startDate: Date3; endDate: Date3 }>;
}

export interface ApiReply {
  status: number;
  headers: Headers;
  body: ClassroomJson;
}

export async function api(
  google: FakeGoogle,
  token: string | undefined,
  path: string,
  query: Record<string, string | string[]> = {},
): Promise<ApiReply> {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    for (const value of Array.isArray(v) ? v : [v]) q.append(k, value);
  const qs = q.toString();
  const res = await fetch(`${google.url}${path}${qs ? `?${qs}` : ''}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** Every item of a list, following nextPageToken. */
export async function listAll<K extends 'students' | 'courseWork' | 'studentSubmissions'>(
  google: FakeGoogle,
  token: string,
  path: string,
  key: K,
  query: Record<string, string | string[]> = {},
): Promise<NonNullable<ClassroomJson[K]>> {
  const items: unknown[] = [];
  let pageToken: string | undefined;
  do {
    const { status, body } = await api(google, token, path, {
      ...query,
      ...(pageToken && { pageToken }),
    });
    if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
    items.push(...(body[key] ?? []));
    pageToken = body.nextPageToken;
  } while (pageToken);
  return items as NonNullable<ClassroomJson[K]>;
}
