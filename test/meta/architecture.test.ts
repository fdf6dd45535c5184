/** Conventions from DESIGN.md that the compiler cannot check, enforced by reading the source. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
      offenders('entrypoints/classroom.content', /lib\/settings|storage\.(local|session)/),
    ).toEqual([]);
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
