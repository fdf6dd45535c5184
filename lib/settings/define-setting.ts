/**
 * A versioned storage item whose every read is checked with zod. Storage is an input like any other:
 * an older version, a bug or a hand edit can leave a value of the wrong shape there, and code
 * must then see the fallback rather than crash or act on garbage.
 */

import type { z } from '../zod';
import {
  defineVersionedItem,
  MigrationError,
  type Migrations,
  type StorageKey,
} from './storage-item';

export interface SettingOptions<T> {
  schema: z.ZodMiniType<T>;
  fallback: T;
  /** Bump when the stored shape changes, and add the migration to that version. */
  version: number;
  /** Migration to version N at key N (run in order before the first read or write). */
  migrations: Migrations;
}

export interface Setting<T> {
  readonly key: StorageKey;
  readonly version: number;
  readonly migrations: Migrations;
  /**
   * The stored value if it passes the schema, else the fallback (and a warning without values),
   * also when the stored value could not be migrated.
   */
  get(): Promise<T>;
  /**
   * Like `get`, but throws the {@link MigrationError} of a value that could not be migrated: for
   * read-modify-write, which must not write "fallback plus a change" over a value it could not
   * read (an invalid value still reads as the fallback: there is nothing in it to keep).
   */
  read(): Promise<T>;
  /** Checks the value with the schema, then stores it. */
  set(value: T): Promise<void>;
  /** Deletes the value and its version metadata. */
  remove(): Promise<void>;
}

export function defineSetting<T>(key: StorageKey, options: SettingOptions<T>): Setting<T> {
  const item = defineVersionedItem(key, options.version, options.migrations);
  async function read(): Promise<T> {
    const stored = await item.get();
    if (stored === undefined) return options.fallback;
    const parsed = options.schema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // Paths and messages only: the value may hold a secret.
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    console.warn(`[sis-export] ignoring an invalid stored ${key} (${where})`);
    return options.fallback;
  }
  return {
    key,
    version: options.version,
    migrations: options.migrations,
    read,
    async get() {
      try {
        return await read();
      } catch (error) {
        if (!(error instanceof MigrationError)) throw error;
        // Work on with the fallback; the stored value stays for a fixed version. The error is
        // not logged: its cause may quote the value, which may hold a secret.
        console.warn(`[sis-export] ignoring stored ${key}: ${error.message}`);
        return options.fallback;
      }
    },
    async set(value) {
      await item.set(options.schema.parse(value));
    },
    remove: () => item.remove(),
  };
}
