/**
 * A throw-away self-signed certificate for the fake classroom.google.com (or, for the fake Google,
 * one naming accounts.google.com and classroom.googleapis.com), made with openssl at test time
 * (never committed): Chromium is told to ignore certificate errors, but google.com and
 * googleapis.com are HSTS-preloaded, so the fakes have to speak HTTPS all the same.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The first hostname is the subject's CN; every one is a subjectAltName. */
export function makeSelfSignedCertificate(...hostnames: [string, ...string[]]): {
  key: string;
  cert: string;
} {
  const dir = mkdtempSync(join(tmpdir(), 'sis-export-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${hostnames[0]}`,
        '-addext',
        `subjectAltName=${hostnames.map((h) => `DNS:${h}`).join(',')}`,
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
