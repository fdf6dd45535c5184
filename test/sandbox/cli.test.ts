/** `npm run sandbox`: one JSON line on stdout, flags applied, clean exit on SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

describe('cli', () => {
  it('prints one JSON line, serves the API and stops on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/cli.ts',
        '--seed',
        '4',
        '--students',
        '5',
        '--classes',
        '2',
        '--auth',
        'oauth2',
        '--title-limit',
        '12',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [first] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(first);
    expect(info).toMatchObject({
      baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/ims\/oneroster\/v1p1$/),
      tokenUrl: expect.stringMatching(/\/oauth\/token$/),
      oauth1: { consumerKey: expect.any(String), consumerSecret: expect.any(String) },
      oauth2: { clientId: expect.any(String), clientSecret: expect.any(String) },
      teacherEmail: 'eramirez@riversideusd.example.org',
      auth: 'oauth2',
    });
    const token = await fetch(info.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${info.oauth2.clientId}&client_secret=${info.oauth2.clientSecret}`,
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const teachers = await fetch(`${info.baseUrl}/teachers?limit=1`, {
      headers: { Authorization: `Bearer ${token.access_token}` },
    });
    expect(teachers.status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    lines.close();
  }, 20_000);

  it('--oneroster 1.2 prints the IC root and token URL, and serves both versions', async () => {
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'sandbox/cli.ts',
        '--seed',
        '4',
        '--students',
        '5',
        '--classes',
        '2',
        '--oneroster',
        '1.2',
        '--app-name',
        'district9',
        '--v1p2-mode',
        'relaxed',
        '--vendor-authorization',
        'vkey:vsecret',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const [first] = (await once(lines, 'line')) as [string];
    const info = JSON.parse(first);
    const root =
      /^http:\/\/127\.0\.0\.1:\d+\/campus\/api\/oneroster\/v1p2\/district9\/ims\/oneroster$/;
    expect(info).toMatchObject({
      oneroster: '1.2',
      baseUrl: expect.stringMatching(root),
      tokenUrl: expect.stringMatching(/\/campus\/oauth2\/token\?appName=district9$/),
      oneRoster11: { baseUrl: expect.stringMatching(/\/api\/ims\/oneroster\/v1p1$/) },
      oneRoster12: {
        root: info.baseUrl,
        rosteringBase: `${info.baseUrl}/rostering/v1p2`,
        gradebookBase: `${info.baseUrl}/gradebook/v1p2`,
        tokenUrl: info.tokenUrl,
        appName: 'district9',
      },
      v1p2Mode: 'relaxed',
      vendorAuthorization: 'vkey:vsecret',
    });
    const token = await fetch(info.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${info.oauth2.clientId}&client_secret=${info.oauth2.clientSecret}`,
    }).then((r) => r.json() as Promise<{ access_token: string; scope: string }>);
    expect(token.scope).toContain('/v1p2/scope/roster.readonly');
    const bearer = { Authorization: `Bearer ${token.access_token}` };
    const teachers = await fetch(`${info.oneRoster12.rosteringBase}/teachers?limit=1`, {
      headers: bearer,
    });
    expect(teachers.status).toBe(200);
    const categories = `${info.oneRoster12.gradebookBase}/categories`;
    expect((await fetch(categories, { headers: bearer })).status).toBe(401);
    const vendored = { ...bearer, 'x-vendor-authorization': 'vkey:vsecret' };
    expect((await fetch(categories, { headers: vendored })).status).toBe(200);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
    lines.close();
  }, 20_000);

  it.each([
    ['--oneroster', '2.0'],
    ['--v1p2-mode', 'lenient'],
    ['--vendor-authorization', 'no-colon'],
  ])(
    'refuses %s %s with exit code 2',
    async (flag, value) => {
      child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', flag, value], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
      });
      const [code] = await once(child, 'exit');
      expect(code).toBe(2);
      expect(stderr).toContain(flag);
    },
    20_000,
  );

  it('refuses bad flags with exit code 2', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--error-rate', '3'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += d;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--error-rate/);
  }, 20_000);
});
