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
  baseUrl: string;
  teacherEmail: string;
  credentials: { oauth1: { consumerKey: string; consumerSecret: string } };
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
    teacherEmail: info.teacherEmail,
    credentials: { oauth1: info.oauth1 },
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
