/**
 * The fake classroom.google.com: an HTTPS server on loopback that answers every path with a
 * fixture page, so Classroom's single-page navigation can be replayed with history.pushState.
 * Chromium reaches it through --host-resolver-rules (see browser.ts).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { makeSelfSignedCertificate } from './certificate';

const FIXTURES = join(import.meta.dirname, '../fixtures');
/** The Classroom page fixtures the unit tests read too (test/fixtures/classroom/). */
export const CLASSROOM_FIXTURES = join(import.meta.dirname, '../../fixtures/classroom');

export interface ClassroomServer {
  port: number;
  /** Paths requested so far, for assertions. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `pages[path]` (a file name in test/e2e/fixtures/, or an absolute path such as
 * `join(CLASSROOM_FIXTURES, 'grades-en.html')`) or the SPA shell for any other path.
 */
export async function startClassroomServer(
  pages: Record<string, string> = {},
): Promise<ClassroomServer> {
  const shell = readFileSync(join(FIXTURES, 'classroom-shell.html'));
  const requests: string[] = [];
  const server: Server = createServer(
    makeSelfSignedCertificate('classroom.google.com'),
    (req, res) => {
      const path = new URL(req.url ?? '/', 'https://classroom.google.com').pathname;
      requests.push(path);
      if (path === '/favicon.ico') {
        res.writeHead(404).end();
        return;
      }
      const fixture = pages[path];
      const body = fixture ? readFileSync(resolve(FIXTURES, fixture)) : shell;
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(body);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
