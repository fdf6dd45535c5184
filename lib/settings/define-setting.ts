/**
 * A setting: a WXT storage item (`storage.defineItem`: WXT's on-disk format, the value under
 * `name` and its version under `name$` as `{v}`, with its migrations) whose every read is checked
 * with zod. Storage is an input like any other: an older version, a bug or a hand edit can leave a
 * value of the wrong shape there, and code must then see the fallback rather than crash or act on
 * garbage.
 *
 * The layer over WXT adds only what WXT does not do. WXT migrates once, when the item is defined,
 * logs a failure and then serves the stored value as it is: here a value that could not be brought
 * to the current version is never served as valid data, so never written back by a
 * read-modify-write. Its log gets no value, and a missing migration step is a failure, not a step
 * that keeps the value as it was.
 */

import { type StorageItemKey, storage } from 'wxt/utils/storage';
import type { z } from '../zod';

/** A stored value could not be brought to the current version (a migration threw or is missing). */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Migration to version N at key N; each gets the previous version's value. */
export type Migrations = Readonly<
  Record<number, (previous: unknown) => unknown | Promise<unknown>>
>;

export interface SettingOptions<T> {
  schema: z.ZodMiniType<T>;
  fallback: T;
  /** Bump when the stored shape changes, and add the migration to that version. */
  version: number;
  /** Migration to version N at key N (run in order before the first read or write). */
  migrations: Migrations;
}

export interface Setting<T> {
  readonly key: StorageItemKey;
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
  /** Checks the value with the schema, then stores it with the current version. */
  set(value: T): Promise<void>;
  /** Deletes the value and its version metadata. */
  remove(): Promise<void>;
}

export function defineSetting<T>(key: StorageItemKey, options: SettingOptions<T>): Setting<T> {
  const { version } = options;
  // The last failed migration, with its cause (which may quote the value).
  let failure: MigrationError | undefined;
  const steps: Record<number, (previous: unknown) => Promise<unknown>> = {};
  for (let next = 2; next <= version; next++) {
    const step = options.migrations[next];
    steps[next] = async (previous) => {
      if (!step) failure = new MigrationError(`${key}: no migration to version ${next}`);
      else {
        try {
          return await step(previous);
        } catch (cause) {
          failure = new MigrationError(`${key}: the migration to version ${next} failed`, {
            cause,
          });
        }
      }
      // WXT logs what it catches here: the message only, never the cause.
      throw new MigrationError(failure.message);
    };
  }
  const item = storage.defineItem<unknown, { v: unknown }>(key, { version, migrations: steps });

  let checked: Promise<void> | undefined;
  /**
   * Settles once the stored value is at the current version. WXT's migration on definition may
   * have failed, or the value may have been stored since (tests; another context): a value
   * behind the current version is migrated again here, and a failure is thrown, then tried
   * again next time. `set` and `remove` wait for this, so a migration still under way can never
   * overwrite them.
   */
  function migrated(): Promise<void> {
    checked ??= (async () => {
      const [value, meta] = await Promise.all([item.getValue(), item.getMeta()]);
      if (value == null || versionOf(meta.v) >= version) return;
      failure = undefined;
      try {
        await item.migrate();
      } catch (error) {
        throw failure ?? new MigrationError(`${key}: the migration failed`, { cause: error });
      }
    })().catch((error: unknown) => {
      checked = undefined;
      throw error;
    });
    return checked;
  }

  async function read(): Promise<T> {
    await migrated();
    const stored = await item.getValue();
    if (stored == null) return options.fallback;
    const parsed = options.schema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // Paths and messages only: the value may hold a secret.
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    console.warn(`[sis-export] ignoring an invalid stored ${key} (${where})`);
    return options.fallback;
  }

  return {
    key,
    version,
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
      const valid = options.schema.parse(value);
      // A write replaces the value a failed migration could not read, so it goes ahead.
      await migrated().catch(() => {});
      // Value and version in one write. WXT's setValue adds the version only to the first write
      // into an item that was empty when defined: after a `remove` it would store a value
      // without it, which the next start would take for version 1 and migrate again.
      await storage.setItems([
        { key, value: valid },
        { key: `${key}$`, value: { v: version } },
      ]);
    },
    async remove() {
      await migrated().catch(() => {});
      await item.removeValue({ removeMeta: true });
    },
  };
}

/** A value without metadata counts as version 1, as in WXT. */
function versionOf(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

/*
 * Read-modify-write of one storage value, one at a time. Two panel messages can arrive together
 * (a double click, two tabs of the same class); without this, the second write would drop the
 * first one's change.
 */
/** Runs each task after the previous one has settled, whatever its outcome. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}
