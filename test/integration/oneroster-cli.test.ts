/** The developer CLI (`npm run oneroster`) against the sandbox, as an admin would run it. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/index';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'scripts/oneroster/cli.ts');

let sis: Sandbox;
beforeAll(async () => {
  sis = await startSandbox({ seed: 3, students: 12, classes: 3 });
});
afterAll(() => sis.close());

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
const oauth1 = () => [
  '--base',
  sis.baseUrl,
  '--key',
  sis.credentials.oauth1.consumerKey,
  '--secret',
  sis.credentials.oauth1.consumerSecret,
];

// Each command is a tsx process (about half a second here, several under load).
describe('npm run oneroster', { timeout: 30_000 }, () => {
  it('checks a connection with OAuth 1.0a and prints JSON', async () => {
    const { code, stdout } = await cli(['check', ...oauth1()]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ orgName: 'Riverside Unified School District' });
  });

  it('finds a teacher and lists classes with OAuth 2, secret from the environment', async () => {
    const auth = [
      '--base',
      sis.baseUrl,
      '--auth',
      'oauth2',
      '--token-url',
      sis.tokenUrl,
      '--client-id',
      sis.credentials.oauth2.clientId,
    ];
    const env = { ONEROSTER_SECRET: sis.credentials.oauth2.clientSecret };
    const teacher = await cli(['teacher', sis.teacherEmail, ...auth], env);
    expect(teacher.code).toBe(0);
    const [found] = JSON.parse(teacher.stdout);
    expect(found.email).toBe(sis.teacherEmail);
    const active = JSON.parse((await cli(['classes', found.sourcedId, ...auth], env)).stdout);
    const all = JSON.parse((await cli(['classes', found.sourcedId, '--all', ...auth], env)).stdout);
    expect(all.length).toBe(active.length + 1);
  });

  it('reports a wrong secret as JSON on stderr with exit code 1 and no secret in it', async () => {
    const { code, stdout, stderr } = await cli([
      'check',
      ...oauth1().slice(0, 4),
      '--secret',
      'nope-secret',
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const { error } = JSON.parse(stderr);
    expect(error).toMatchObject({ code: 'bad-credentials', status: 401 });
    expect(stderr).not.toContain('nope-secret');
  });

  it('speaks OneRoster 1.2 with --oneroster 1.2: root URL, IC token URL, v1p2 scopes, 1.2 users', async () => {
    const { root, tokenUrl } = sis.oneRoster12;
    const auth = ['--oneroster', '1.2', '--base', root, '--token-url', tokenUrl];
    const env = {
      ONEROSTER_CLIENT_ID: sis.credentials.oauth2.clientId,
      ONEROSTER_SECRET: sis.credentials.oauth2.clientSecret,
    };
    sis.requestLog.clear();
    const check = await cli(['check', ...auth], env);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({
      version: '1.2',
      bases: { rostering: `${root}/rostering/v1p2/`, gradebook: `${root}/gradebook/v1p2/` },
    });
    const teacher = await cli(['teacher', sis.teacherEmail, ...auth], env);
    const [found] = JSON.parse(teacher.stdout);
    // 1.2 re-keys users (IC): the 1.1 id is kept as metadata.ic.legacysourceId.
    expect(found.roles[0].role).toBe('teacher');
    expect(sis.inspect.legacyUserId(found.sourcedId)).toBe(found.metadata.ic.legacysourceId);
    const [klass] = JSON.parse((await cli(['classes', found.sourcedId, ...auth], env)).stdout);
    const categories = JSON.parse(
      (await cli(['categories', klass.sourcedId, ...auth], env)).stdout,
    );
    expect(categories.scope).toBe('class');
    const paths = sis.requestLog.entries.map((e) => `${e.service ?? 'token'} ${e.path}`);
    expect(paths.some((p) => p.startsWith('gradebook ') && p.includes('/categories'))).toBe(true);
    // OAuth 1.0a is refused up front for 1.2.
    const oauth1On12 = await cli(['check', '--oneroster', '1.2', '--auth', 'oauth1', ...oauth1()]);
    expect(oauth1On12.code).toBe(2);
    expect(oauth1On12.stderr).toContain('OAuth 2 only');
  });

  it('explains usage mistakes with exit code 2', async () => {
    const missing = await cli(['check', '--base', sis.baseUrl]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/consumerKey/);
    const unknown = await cli(['frobnicate', ...oauth1()]);
    expect(unknown.code).toBe(2);
    const [firstLine = ''] = unknown.stderr.split('\n');
    expect(JSON.parse(firstLine).error.message).toBe('unknown command "frobnicate"');
  });
});
