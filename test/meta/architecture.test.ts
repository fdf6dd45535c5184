/** Conventions from DESIGN.md that the compiler cannot check, enforced by reading the source. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '@/entrypoints/background/handlers';
import { PROTOCOL } from '@/lib/messaging/protocol';

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

describe('architecture', () => {
  it('components are presentational: no extension APIs, network, messaging or page reads', () => {
    expect(
      offenders(
        'components',
        /\bbrowser\.(runtime|storage|permissions|tabs)\b|\bchrome\.|\bfetch\(|sendRequest|document\.query|lib\/settings/,
      ),
    ).toEqual([]);
  });

  it('the content script never touches settings or secrets', () => {
    expect(
      offenders('entrypoints/classroom.content', /lib\/settings|storage\.(local|session|managed)/),
    ).toEqual([]);
  });

  it('only the background (and lib/settings itself) reads the stored secrets', () => {
    // secrets.ts, and read-settings.ts which resolves them, are the only ways to the secrets.
    const readsSecrets = /settings\/(secrets|read-settings)['"]|from '\.\/(secrets|read-settings)'/;
    const everywhere = ['entrypoints', 'components', 'lib'].flatMap((dir) =>
      offenders(dir, readsSecrets),
    );
    expect(everywhere).toContain('entrypoints/background/handlers.ts'); // the pattern works
    expect(
      everywhere.filter((path) => !/^(entrypoints\/background|lib\/settings)\//.test(path)),
    ).toEqual([]);
  });

  it('the secret item is used by items.ts and secrets.ts only', () => {
    const users = ['entrypoints', 'components', 'lib'].flatMap((dir) =>
      offenders(dir, /\bcredentialsSetting\b/),
    );
    expect(users.sort()).toEqual(['lib/settings/items.ts', 'lib/settings/secrets.ts']);
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

  it('every message names who may send it', () => {
    for (const spec of Object.values(PROTOCOL)) expect(spec.from.length).toBeGreaterThan(0);
  });
});
