/**
 * Release checks on the production build: the store zip builds, the manifest asks for the
 * minimal set of permissions (host access only on request), and extension pages run under a
 * strict CSP with no remote code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PROD = join(ROOT, '.output/chrome-mv3');
const manifest = () => JSON.parse(readFileSync(join(PROD, 'manifest.json'), 'utf8'));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('release', () => {
  it('npm run zip builds the store zip with the manifest inside', () => {
    execFileSync('npm', ['run', '-s', 'zip'], {
      cwd: ROOT,
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const zip = readdirSync(join(ROOT, '.output')).find((name) => name.endsWith('-chrome.zip'));
    expect(zip).toBeDefined();
    const bytes = readFileSync(join(ROOT, '.output', zip ?? ''));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // The zip's central directory names every file; the manifest must be at the root.
    expect(bytes.includes(Buffer.from('manifest.json'))).toBe(true);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('asks for the minimal permissions: storage (unlimited), identity, the Classroom API, and SIS host access only on request', () => {
    const m = manifest();
    // unlimitedStorage (issue #11, M4) shows no install warning; it lifts storage.local's 10 MB.
    // identity: Google sign-in (launchWebAuthFlow) for the Classroom API (issue #13).
    expect(m.permissions).toEqual(['storage', 'unlimitedStorage', 'identity']);
    // The one fixed host: the Classroom API the background reads with the teacher's token.
    expect(m.host_permissions).toEqual(['https://classroom.googleapis.com/*']);
    expect(m.optional_host_permissions).toEqual([
      'https://*/*',
      'http://127.0.0.1/*',
      'http://localhost/*',
      'http://[::1]/*',
    ]);
    expect(JSON.stringify(m)).not.toContain('<all_urls>');
    expect(m.content_scripts.flatMap((c: { matches: string[] }) => c.matches)).toEqual([
      'https://classroom.google.com/*',
    ]);
    expect(m.externally_connectable).toBeUndefined(); // no web page may message the extension
  });

  it('runs extension pages under a strict CSP and ships no remote code', () => {
    expect(manifest().content_security_policy).toEqual({
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    });
    const html = readFileSync(join(PROD, 'options.html'), 'utf8');
    for (const [, src] of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(src).toMatch(/^\//);
    for (const file of files(PROD).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/import\(\s*["']https?:/);
      expect(code, file).not.toMatch(/importScripts\(\s*["']https?:/);
    }
  });
});
