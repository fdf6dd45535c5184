import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n/t';
import { formatMessage, LOCALES, useLocale } from '../support/fake-i18n';

const ROOT = join(import.meta.dirname, '../..');
const { en, nl } = LOCALES;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const placeholderNames = (key: string, file: typeof en) =>
  Object.keys(file[key]?.placeholders ?? {}).sort();
const placeholdersUsed = (message: string) =>
  [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()).sort();

describe('locales', () => {
  it('English and Dutch have exactly the same keys', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en))('%s has the same placeholders in both locales', (key) => {
    expect(placeholderNames(key, nl)).toEqual(placeholderNames(key, en));
    for (const file of [en, nl]) {
      const entry = file[key];
      expect(entry?.message.trim()).not.toBe('');
      expect(placeholdersUsed(entry?.message ?? '')).toEqual(
        [...new Set(placeholdersUsed(entry?.message ?? ''))].sort(),
      );
      for (const name of placeholdersUsed(entry?.message ?? '')) {
        expect(placeholderNames(key, file)).toContain(name);
      }
    }
  });

  it('uses only keys Chrome accepts', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_@]+$/);
  });

  it('every key the code asks for exists, and every key is used', () => {
    const code = ['entrypoints', 'components', 'lib'].flatMap(sourceFiles);
    const used = new Set<string>();
    for (const file of code) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([A-Za-z0-9_@]+)'/g)) used.add(match[1] ?? '');
    }
    const manifest = readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8');
    for (const match of manifest.matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)) used.add(match[1] ?? '');
    expect([...used].filter((key) => !(key in en))).toEqual([]);
    expect(Object.keys(en).filter((key) => !used.has(key))).toEqual([]);
  });

  it('fills placeholders the way Chrome does', () => {
    expect(formatMessage(en.panelCourse as never, ['123'])).toBe('Classroom class 123');
    useLocale('nl');
    expect(t('panelCourse', 42)).toBe('Classroom-klas 42');
    expect(t('panelTitle')).toBe('SIS-klas koppelen / Cijfers exporteren');
  });
});
