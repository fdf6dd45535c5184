/**
 * A real district policy for the extension, the way Chromium on Linux reads one: a JSON file in
 * /etc/chromium/policies/managed/ with `{"3rdparty": {"extensions": {"<id>": {...}}}}`, read at
 * browser start and handed to the extension's chrome.storage.managed (checked against its
 * managed_schema). No test hook in the extension: this is the real API.
 *
 * The file applies to every Chromium on the machine, so the policy is keyed to an extension id
 * no other test uses: a private copy of the e2e build (an unpacked extension's id is derived from
 * its absolute path). Writing the file needs root, as CI has.
 */
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTENSION_DIR } from './browser';

export const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

/** Chromium's id for an unpacked extension: SHA-256 of its path, first 32 hex digits as a–p. */
export function unpackedExtensionId(path: string): string {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Whether this process may write policy files (root, or a writable policy directory). */
export function canWritePolicies(): boolean {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    accessSync(POLICY_DIR, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ManagedExtension {
  /** The private copy of the e2e build to load. */
  extensionDir: string;
  extensionId: string;
  /** Deletes the policy file and the copy. */
  remove(): void;
}

/** Copies the e2e build and writes `policy` for the copy's id. */
export function installPolicy(policy: Record<string, unknown>): ManagedExtension {
  const root = mkdtempSync(join(tmpdir(), 'sis-export-managed-'));
  const extensionDir = join(root, 'extension');
  cpSync(EXTENSION_DIR, extensionDir, { recursive: true });
  const extensionId = unpackedExtensionId(extensionDir);
  const file = join(POLICY_DIR, `sis-grade-export-e2e-${extensionId}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }));
  return {
    extensionDir,
    extensionId,
    remove() {
      rmSync(file, { force: true });
      rmSync(root, { recursive: true, force: true });
    },
  };
}
