/** Conventions from DESIGN.md that the compiler cannot check, enforced by reading the source. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '@/entrypoints/background/handlers';
import { REPLIES } from '@/lib/messaging/replies';
import { PROTOCOL } from '@/lib/messaging/requests';

const ROOT = join(import.meta.dirname, '../..');
function files(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [{ path, text: readFileSync(join(ROOT, path), 'utf8') }] : [];
  });
}
const offenders = (dir: string, pattern: RegExp) =>
  files(dir)
    .filter(({ text }) => pattern.test(text))
    .map(({ path }) => path);

/** Project files a module loads at run time (value imports; `import type` is erased). */
function runtimeImports(start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = readFileSync(join(ROOT, path), 'utf8');
    // `import … from`, `export … from` (re-exports load the module too) and bare `import '…'`.
    const specifiers = text.matchAll(
      /^(?:import (?!type )[^;]*?from|export (?!type )[^;]*?from|import) '([^']+)';/gms,
    );
    for (const [, spec] of specifiers) {
      if (!spec?.startsWith('.') && !spec?.startsWith('@/')) continue;
      const base = spec.startsWith('@/') ? spec.slice(2) : join(dirname(path), spec);
      const file = ['.ts', '.tsx', '/index.ts']
        .map((ext) => base + ext)
        .find((candidate) => existsSync(join(ROOT, candidate)));
      if (file) visit(relative(ROOT, join(ROOT, file)));
    }
  };
  visit(start);
  return seen;
}

describe('architecture', () => {
  it('components are presentational: no extension APIs, network, messaging or page reads', () => {
    expect(
      offenders(
        'components',
        /\bbrowser\.(runtime|storage|permissions|tabs)\b|\bchrome\.|\bfetch\(|sendRequest|document\.query|lib\/settings/,
      ),
    ).toEqual([]);
  });

  it('every control of the panel acts on trusted events only', () => {
    // A DOM handler not wrapped in trusted() would let page script press it; a form's submit
    // (trusted even when script calls requestSubmit()) only stays on the page.
    const unguarded = files('components/panel').flatMap(({ path, text }) =>
      [
        ...text.matchAll(/\bon(?:Click|Change|Input|KeyDown|Submit)=\{(?!trusted\(|stayOnPage\})/g),
      ].map((match) => `${path}: ${match[0]}`),
    );
    expect(unguarded).toEqual([]);
    expect(offenders('components/panel', /onSubmit=\{(?!stayOnPage\})/)).toEqual([]);
  });

  it('the sandbox SIS is an independent judge: it imports none of the extension’s code', () => {
    expect(offenders('sandbox', /from '(@\/|\.\.\/)(lib|entrypoints|components)\//)).toEqual([]);
  });

  it('the content script never touches settings or secrets', () => {
    expect(
      offenders('entrypoints/classroom.content', /lib\/settings|storage\.(local|session|managed)/),
    ).toEqual([]);
  });

  it('only the background (and lib/settings itself) reads the stored secrets', () => {
    // secrets.ts, and readSettings (resolve-settings.ts) which resolves them, are the only ways
    // to the secrets.
    const readsSecrets = /settings\/secrets['"]|from '\.\/secrets'|\breadSettings\b/;
    const everywhere = ['entrypoints', 'components', 'lib'].flatMap((dir) =>
      offenders(dir, readsSecrets),
    );
    expect(everywhere).toContain('entrypoints/background/handlers.ts'); // the pattern works
    // The teacher side's SIS access is the background's, moved into lib/ (its only user).
    const backgroundOnly =
      /^(entrypoints\/background|lib\/settings)\/|^lib\/teacher\/sis-session\.ts$/;
    expect(everywhere.filter((path) => !backgroundOnly.test(path))).toEqual([]);
    expect(runtimeImports('entrypoints/background/index.ts')).toContain(
      'lib/teacher/sis-session.ts',
    );
    // Nor through anything they load: the pages' whole import graphs stay clear of both.
    for (const page of [
      'entrypoints/classroom.content/index.tsx',
      'entrypoints/options/main.tsx',
    ]) {
      const loaded = runtimeImports(page);
      expect(loaded.size).toBeGreaterThan(10); // the walk works
      expect(loaded).not.toContain('lib/settings/secrets.ts');
      expect(loaded).not.toContain('lib/teacher/sis-session.ts');
    }
  });

  it('Google tokens stay in the background: no page loads the sign-in or its token store', () => {
    expect(runtimeImports('entrypoints/background/index.ts')).toContain('lib/google/auth.ts');
    for (const page of [
      'entrypoints/classroom.content/index.tsx',
      'entrypoints/options/main.tsx',
    ]) {
      const loaded = runtimeImports(page);
      expect(loaded.size).toBeGreaterThan(10); // the walk works
      expect(loaded).not.toContain('lib/google/auth.ts');
      expect(loaded).not.toContain('lib/google/check-access.ts');
    }
    // The token store is named only where the background builds its GoogleAuth.
    const users = ['entrypoints', 'components', 'lib'].flatMap((dir) =>
      offenders(dir, /\bsessionTokenStore\b|googleTokens/),
    );
    expect(users.sort()).toEqual(['entrypoints/background/runtime.ts', 'lib/google/auth.ts']);
  });

  it('the secret item is used by items.ts and secrets.ts only', () => {
    const users = ['entrypoints', 'components', 'lib'].flatMap((dir) =>
      offenders(dir, /\bcredentialsSetting\b/),
    );
    expect(users.sort()).toEqual(['lib/settings/items.ts', 'lib/settings/secrets.ts']);
  });

  it('lib/ domain code never imports the messaging layer; only the view builders know replies', () => {
    const users = offenders('lib', /from '\.\.\/messaging\//).filter(
      (path) => !path.startsWith('lib/messaging/'),
    );
    // Each builds what a page is sent (replies.ts's shapes), and imports only those types.
    expect(users.sort()).toEqual([
      'lib/settings/admin-settings.ts',
      'lib/sis/connection-form.ts',
      'lib/teacher/panel-view.ts',
    ]);
    for (const path of users) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      expect(text).not.toMatch(/^import (?!type )[^;]*from '\.\.\/messaging\//m);
    }
  });

  it('every message has a handler in the background', () => {
    const handlers = createHandlers({ storageTrusted: Promise.resolve(true) });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(PROTOCOL).sort());
  });

  it('the protocol has no generic fetch, sign or proxy message', () => {
    expect(Object.keys(PROTOCOL).filter((type) => /fetch|sign|proxy|http|url/i.test(type))).toEqual(
      [],
    );
  });

  it('every message has a reply schema, which the background does not bundle', () => {
    expect(Object.keys(REPLIES).sort()).toEqual(Object.keys(PROTOCOL).sort());
    const background = runtimeImports('entrypoints/background/index.ts');
    expect(background).toContain('lib/messaging/requests.ts'); // the walk works
    expect(background).toContain('lib/auth/oauth1.ts');
    expect(background).not.toContain('lib/messaging/replies.ts');
    expect(background).not.toContain('lib/sis/partner-help.ts'); // the options page's texts
    expect(runtimeImports('lib/messaging/send.ts')).toContain('lib/messaging/replies.ts');
  });

  it('every message names who may send it', () => {
    for (const spec of Object.values(PROTOCOL)) expect(spec.from.length).toBeGreaterThan(0);
  });
});
