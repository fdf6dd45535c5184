/**
 * The sandbox SIS in its own process, as a real SIS would be: timing the engine against an
 * in-process server would charge the server's work (signature checks, OpenAPI validation) to
 * the client's event loop.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../..');

export interface SandboxProcess {
  /** With `--oneroster 1.2`, the 1.2 root (Infinite Campus layout). */
  baseUrl: string;
  /** The OAuth 2 token URL that goes with `baseUrl` (IC's `?appName=` one for 1.2). */
  tokenUrl: string;
  teacherEmail: string;
  credentials: {
    oauth1: { consumerKey: string; consumerSecret: string };
    oauth2: { clientId: string; clientSecret: string };
  };
  close(): Promise<void>;
}

export async function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['sandbox/cli.ts', '--port', '0', ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((done, fail) => {
    lines.once('line', done);
    child.once('exit', (code) => fail(new Error(`sandbox exited with ${code}`)));
  });
  const info = JSON.parse(first);
  return {
    baseUrl: info.baseUrl,
    tokenUrl: info.tokenUrl,
    teacherEmail: info.teacherEmail,
    credentials: { oauth1: info.oauth1, oauth2: info.oauth2 },
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
