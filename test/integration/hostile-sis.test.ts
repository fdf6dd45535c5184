/**
 * A SIS that misbehaves in every way the issue lists (HTML instead of JSON, broken JSON, entities
 * that violate the schema, a 200 carrying an imsx failure, an endless `Link: next`, a 50 MB body):
 * each gives its own error code, and the export engine records nothing as written that wasn't.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthenticator } from '@/lib/auth/config';
import { createJournal } from '@/lib/export/journal';
import { createMemoryJournalStore } from '@/lib/export/journal-store';
import { runExport } from '@/lib/export/run';
import { createOneRosterClient } from '@/lib/oneroster/client';

const IMSX_FAILURE = JSON.stringify({
  imsx_codeMajor: 'failure',
  imsx_severity: 'error',
  imsx_description: 'lineItem.class is not a known class',
  imsx_CodeMinor: {
    imsx_codeMinorField: [
      { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: 'invaliddata' },
    ],
  },
});
const BIG = 50 * 1024 * 1024;

let server: Server;
let base = '';
const served = { bigBytes: 0 };

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (body: string, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    if (path.startsWith('/html/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Sign in</title><form>…</form>');
    } else if (path.startsWith('/broken/')) json('{"categories": [{"sourcedId": "a"');
    else if (path.startsWith('/schema/')) json(JSON.stringify({ categories: [{ sourcedId: '' }] }));
    else if (path.startsWith('/imsx/')) json(IMSX_FAILURE);
    else if (path.startsWith('/endless/')) {
      const full = Array.from({ length: 1000 }, (_, i) => ({ sourcedId: `c${i}`, title: 'x' }));
      json(JSON.stringify({ categories: full }), {
        link: `<${base}/endless/categories>; rel="next"`,
      });
    } else if (path.startsWith('/big/')) {
      // Chunked, no Content-Length: the cap must hold while streaming.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"categories": [');
      const chunk = `${'{"sourcedId":"x","title":"padding"},'.repeat(2000)}`;
      const pump = () => {
        while (served.bigBytes < BIG) {
          served.bigBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('{}]}');
      };
      res.on('close', () => res.destroy());
      pump();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const client = (prefix: string) =>
  createOneRosterClient({
    baseUrl: `${base}/${prefix}/`,
    auth: createAuthenticator({ mode: 'oauth1', consumerKey: 'k', consumerSecret: 's' }),
    fetch,
    maxPages: 20,
  });

describe('a hostile or broken SIS', () => {
  it.each([
    ['an HTML page instead of JSON', 'html', 'not-oneroster'],
    ['invalid JSON', 'broken', 'not-oneroster'],
    ['entities that violate the schema', 'schema', 'schema-mismatch'],
    ['a 200 whose body is an imsx failure', 'imsx', 'invalid-data'],
    ['an endless Link: next', 'endless', 'too-many-pages'],
  ])('%s → %s', async (_name, prefix, code) => {
    await expect(client(prefix).listCategories()).rejects.toMatchObject({ code });
  });

  it('a 50 MB answer is cut off at the cap instead of being buffered', async () => {
    await expect(client('big').listCategories()).rejects.toMatchObject({
      code: 'response-too-large',
    });
    // The server was stopped well before sending all 50 MB.
    expect(served.bigBytes).toBeLessThan(BIG);
  });

  it('a write answered "200 + imsx failure" is recorded as failed, never as written', async () => {
    const operations = [
      {
        kind: 'put-line-item' as const,
        id: 'li-1',
        courseworkId: '1',
        lineItem: {
          sourcedId: 'li-1',
          title: 'T',
          assignDate: '2025-09-01T00:00:00.000Z',
          dueDate: '2025-09-01T00:00:00.000Z',
          class: { sourcedId: 'c' },
          resultValueMin: 0,
          resultValueMax: 10,
        },
      },
    ];
    const journal = createJournal({
      exportId: 'e',
      courseId: '1',
      sisClassId: 'c',
      operations,
      now: Date.now(),
    });
    const summary = await runExport({
      client: client('imsx'),
      journal,
      store: createMemoryJournalStore(),
    });
    expect(summary).toMatchObject({ state: 'completed-with-errors', created: 0, updated: 0 });
    expect(summary.failed).toEqual([
      expect.objectContaining({
        opId: 'li-1',
        code: 'invalid-data',
        message: expect.stringContaining('not a known class'),
      }),
    ]);
  });
});
