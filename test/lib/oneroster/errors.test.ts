import { describe, expect, it } from 'vitest';
import { $ZodError } from 'zod/v4/core';
import {
  OneRosterHttpError,
  OneRosterResponseError,
  SisClockSkewError,
  serverClockSkewMs,
} from '@/lib/oneroster/errors';
import { clientFor, imsx, json, type Route } from './fake-sis';
import * as fixtures from './fixtures';

const NOW = Date.parse('2024-09-10T12:00:00Z');
const PATH = 'GET /classes/CLS_42/students';
const list = (route: Route, options: Parameters<typeof clientFor>[1] = {}) => {
  const setup = clientFor(
    { [PATH]: route, 'GET /teachers': route },
    { now: () => NOW, ...options },
  );
  return { ...setup, students: () => setup.client.listStudentsForClass('CLS_42') };
};
const html = (status = 200) =>
  new Response('<!DOCTYPE html><html><body>Sign in to District Portal</body></html>', {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });

describe('error codes', () => {
  it.each([
    ['bad-credentials', 401, () => imsx(401, 'Invalid consumer key', 'unauthorisedrequest')],
    ['forbidden', 403, () => imsx(403, 'Access denied', 'unauthorisedrequest')],
    [
      'under-scoped',
      403,
      () => imsx(403, 'Required scope roster.readonly missing', 'unauthorisedrequest'),
    ],
    [
      'under-scoped',
      401,
      () => json({}, 401, { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' }),
    ],
    ['not-found', 404, () => imsx(404, 'Class not found', 'unknownobject')],
    ['invalid-data', 400, () => imsx(400, 'Invalid filter field', 'invalid_filter_field')],
    ['invalid-data', 422, () => json({}, 422)],
    ['server-error', 500, () => imsx(500, 'NullReferenceException')],
    ['server-error', 503, () => new Response('Service Unavailable', { status: 503 })],
    ['unexpected-status', 405, () => new Response('', { status: 405 })],
    [
      'missing-vendor-authorization',
      401,
      () => json({ message: 'Missing x-vendor-authorization header' }, 401),
    ],
  ] as const)('%s for HTTP %i', async (code, status, route) => {
    const { students } = list(route, { refresh: false });
    const error = await students().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneRosterHttpError);
    expect(error).toMatchObject({ code, status, request: { method: 'GET' } });
  });

  it('invalid-data keeps imsx_description and codeMinor', async () => {
    const { students } = list(() => imsx(400, 'limit must be at most 500', 'invaliddata'));
    await expect(students()).rejects.toMatchObject({
      name: 'OneRosterHttpError',
      statusInfo: {
        codeMajor: 'failure',
        description: 'limit must be at most 500',
        codeMinor: ['invaliddata'],
      },
    });
  });

  it.each([
    ['seconds', '120', 120_000],
    ['an HTTP-date', new Date(NOW + 90_000).toUTCString(), 90_000],
    ['a date in the past', new Date(NOW - 5_000).toUTCString(), 0],
    ['nothing usable', 'soon', undefined],
  ])('rate-limited parses Retry-After given as %s', async (_name, retryAfter, expected) => {
    const { students, requests } = list(() =>
      imsx(429, 'Too many requests', 'server_busy', { 'Retry-After': retryAfter }),
    );
    await expect(students()).rejects.toMatchObject({
      code: 'rate-limited',
      status: 429,
      retryAfterMs: expected,
    });
    expect(requests).toHaveLength(1);
  });

  it('keeps Retry-After on a 503 too', async () => {
    const { students } = list(
      () => new Response('busy', { status: 503, headers: { 'Retry-After': '7' } }),
    );
    await expect(students()).rejects.toMatchObject({ code: 'server-error', retryAfterMs: 7000 });
  });

  describe('not-oneroster', () => {
    it.each([
      ['an HTML 200 page', () => html()],
      ['an HTML page without a content type', () => new Response('  <html></html>')],
      ['a non-JSON 200', () => new Response('OK', { headers: { 'Content-Type': 'text/plain' } })],
      ['an empty 200', () => new Response('')],
      ['JSON without the collection key', () => json({ data: [fixtures.student(1)] })],
      ['a JSON array', () => json([fixtures.student(1)])],
    ])('for %s', async (_name, route) => {
      const { students } = list(route);
      const error = await students().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OneRosterResponseError);
      expect(error).toMatchObject({ code: 'not-oneroster' });
    });

    it('for a 404 on a collection root (wrong Base URL), not-found below an entity', async () => {
      const { client } = clientFor({});
      await expect(client.findTeachersByEmail('x@y.org')).rejects.toMatchObject({
        code: 'not-oneroster',
        status: 404,
      });
      await expect(client.listStudentsForClass('C')).rejects.toMatchObject({
        code: 'not-found',
        status: 404,
      });
    });

    it('keeps the raw body', async () => {
      const { students } = list(() => html());
      await expect(students()).rejects.toMatchObject({
        body: expect.stringContaining('District Portal'),
      });
    });
  });

  it('schema-mismatch keeps the raw body and the ZodError as cause', async () => {
    const body = { users: [fixtures.student(1), { ...fixtures.student(2), sourcedId: '' }] };
    const { students } = list(() => json(body));
    const error = await students().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OneRosterResponseError);
    expect(error).toMatchObject({ code: 'schema-mismatch', body: JSON.stringify(body) });
    // zod/mini's error: the core $ZodError (classic zod's ZodError is a subclass of it).
    expect((error as Error).cause).toBeInstanceOf($ZodError);
    expect((error as Error).message).toContain('users.1.sourcedId');
  });

  it.each([
    ['a non-numeric score', { ...fixtures.result, score: 'A+' }],
    ['an unknown scoreStatus', { ...fixtures.result, scoreStatus: 'missing' }],
    ['a result without sourcedId', { ...fixtures.result, sourcedId: undefined }],
  ])('schema-mismatch for %s', async (_name, result) => {
    const { client } = clientFor({ 'GET /classes/C/results': () => json({ results: [result] }) });
    await expect(client.listResultsForClass('C')).rejects.toMatchObject({
      code: 'schema-mismatch',
    });
  });
});

describe('1.2 imsx payloads (no messageRefIdentifier, 1.2 codeMinor values)', () => {
  const imsx12 = (status: number, codeMinor: string, description = 'Something went wrong') =>
    json(
      {
        imsx_codeMajor: 'failure',
        imsx_severity: 'error',
        imsx_description: description,
        imsx_CodeMinor: {
          imsx_codeMinorField: [
            { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: codeMinor },
          ],
        },
      },
      status,
    );

  it.each([
    ['invalid-data', 400, 'invalid_filter_field'],
    ['invalid-data', 400, 'invalid_selection_field'],
    ['invalid-data', 422, 'invaliddata'],
    ['forbidden', 403, 'forbidden'],
    ['not-found', 404, 'unknownobject'],
    ['rate-limited', 429, 'server_busy'],
    ['server-error', 503, 'server_busy'],
    ['server-error', 500, 'internal_server_error'],
    ['server-error', 500, 'deletefailure'],
  ] as const)('%s for HTTP %i with %s', async (code, status, codeMinor) => {
    const { students } = list(() => imsx12(status, codeMinor), { refresh: false });
    await expect(students()).rejects.toMatchObject({
      code,
      status,
      statusInfo: { codeMajor: 'failure', codeMinor: [codeMinor] },
    });
  });

  it.each([
    ['forbidden', 'forbidden'],
    ['not-found', 'unknownobject'],
    ['invalid-data', 'invalid_filter_field'],
    ['server-error', 'server_busy'],
    ['server-error', 'deletefailure'],
  ] as const)('a 200 carrying a failure is %s for %s', async (code, codeMinor) => {
    const { students } = list(() => imsx12(200, codeMinor));
    await expect(students()).rejects.toMatchObject({ code, status: 200 });
  });
});

describe('clock skew', () => {
  it('recognises a 401 about the timestamp and measures the skew from Date', async () => {
    const serverNow = new Date(NOW + 12 * 60_000).toUTCString();
    const { students } = list(
      () =>
        json(
          { imsx_codeMajor: 'failure', imsx_description: 'oauth_problem=timestamp_refused' },
          401,
          { Date: serverNow },
        ),
      { mode: 'oauth1', refresh: false },
    );
    const error = await students().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SisClockSkewError);
    expect(error).toMatchObject({ code: 'clock-skew', skewMs: 12 * 60_000 });
  });

  it('reads the hint from WWW-Authenticate, skew unknown without a Date header', async () => {
    const { students } = list(
      () =>
        new Response('', {
          status: 401,
          headers: { 'WWW-Authenticate': 'OAuth oauth_problem="nonce_used"' },
        }),
      { mode: 'oauth1', refresh: false },
    );
    await expect(students()).rejects.toMatchObject({ code: 'clock-skew', skewMs: undefined });
  });

  it.each([
    [
      'a Spring Boot error body',
      json({ timestamp: '2024-09-10T12:00:00.000+00:00', status: 401, error: 'Unauthorized' }, 401),
    ],
    [
      'a Digest challenge',
      new Response('', {
        status: 401,
        headers: { 'WWW-Authenticate': 'Digest realm="sis", nonce="abc123"' },
      }),
    ],
    [
      'a vendor name in the message',
      imsx(401, 'Vendor Acme: invalid client secret', 'unauthorisedrequest'),
    ],
  ])('does not mistake %s for clock skew or vendor authorization', async (_name, answer) => {
    const { students } = list(() => answer.clone(), { mode: 'oauth1', refresh: false });
    await expect(students()).rejects.toMatchObject({ code: 'bad-credentials' });
  });

  it('blames the clock for a bare OAuth 1.0a 401 when Date is far off, not when close', async () => {
    const at = (minutes: number) => () =>
      json({}, 401, { Date: new Date(NOW - minutes * 60_000).toUTCString() });
    await expect(list(at(20), { mode: 'oauth1', refresh: false }).students()).rejects.toMatchObject(
      {
        code: 'clock-skew',
        skewMs: -20 * 60_000,
      },
    );
    await expect(list(at(1), { mode: 'oauth1', refresh: false }).students()).rejects.toMatchObject({
      code: 'bad-credentials',
    });
    // Bearer tokens do not carry our clock: a far-off Date is not the cause there.
    await expect(list(at(20), { mode: 'oauth2', refresh: false }).students()).rejects.toMatchObject(
      {
        code: 'bad-credentials',
      },
    );
  });
});

describe('serverClockSkewMs', () => {
  it.each([
    ['a server five minutes ahead', 'Tue, 14 Nov 2023 22:18:20 GMT', 1_700_000_000_000, 300_000],
    ['a server a minute behind', 'Tue, 14 Nov 2023 22:13:20 GMT', 1_700_000_060_000, -60_000],
    ['a missing header', null, 1_700_000_000_000, undefined],
    ['an unparsable header', 'yesterday-ish', 1_700_000_000_000, undefined],
  ])('measures %s', (_name, header, localNow, expected) => {
    const headers = new Headers(header === null ? {} : { date: header });
    expect(serverClockSkewMs(headers, localNow)).toBe(expected);
  });
});
