/**
 * Keys in the extension's storage areas, spelled `area:name` (`local:connection`), and versioned
 * items with migrations. The on-disk format is WXT's: the value under `name`, its version under
 * `name$` as `{v}`.
 *
 * Hand-written rather than `wxt/utils/storage` (@wxt-dev/storage): we use five of its operations,
 * and its full implementation plus its lock library was 2.7 KB gzip of the background's 40 KB
 * budget (issue #7). What it gave us beyond plain `browser.storage` is the migration step below.
 */

export type StorageAreaName = 'local' | 'session' | 'sync';
export type StorageKey = `${StorageAreaName}:${string}`;

function locate(key: StorageKey) {
  const colon = key.indexOf(':');
  const area = key.slice(0, colon) as StorageAreaName;
  return { area: browser.storage[area], name: key.slice(colon + 1) };
}

/** The stored value, or undefined when there is none. */
export async function readStored(key: StorageKey): Promise<unknown> {
  const { area, name } = locate(key);
  return (await area.get(name))[name];
}

export async function writeStored(key: StorageKey, value: unknown): Promise<void> {
  const { area, name } = locate(key);
  await area.set({ [name]: value });
}

/** Deletes the value and its version metadata. */
export async function removeStored(key: StorageKey): Promise<void> {
  const { area, name } = locate(key);
  await area.remove([name, `${name}$`]);
}

/** Every entry of one area by name (metadata `…$` entries included). */
export async function readArea(area: StorageAreaName): Promise<Record<string, unknown>> {
  return browser.storage[area].get(null);
}

/** A stored value could not be brought to the current version (a migration threw or is missing). */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Migration to version N at key N; each gets the previous version's value. */
export type Migrations = Readonly<
  Record<number, (previous: unknown) => unknown | Promise<unknown>>
>;

export interface VersionedItem {
  /** The stored value (migrated to the current version), or undefined. */
  get(): Promise<unknown>;
  /** Stores the value with the current version. */
  set(value: unknown): Promise<void>;
  remove(): Promise<void>;
}

/**
 * An item whose stored shape has a version. The first access migrates a value stored by an older
 * version of the extension (one step per version, written back with its new version) and every
 * access waits for that, so a `set` can never be overwritten by a migration still under way.
 * A value without metadata counts as version 1. A migration that throws (or is missing) leaves
 * storage as it was and fails `get` with a {@link MigrationError}, which tries again next time;
 * `set` and `remove` go ahead, since they replace the value the migration could not read.
 */
export function defineVersionedItem(
  key: StorageKey,
  version: number,
  migrations: Migrations,
): VersionedItem {
  const { area, name } = locate(key);
  const metaName = `${name}$`;
  let migrated: Promise<void> | undefined;

  async function migrate(): Promise<void> {
    const stored = await area.get([name, metaName]);
    let value = stored[name];
    const from = versionOf(stored[metaName]);
    if (value === undefined || from >= version) return;
    for (let next = from + 1; next <= version; next++) {
      const step = migrations[next];
      if (!step) throw new MigrationError(`${key}: no migration to version ${next}`);
      try {
        value = await step(value);
      } catch (error) {
        throw new MigrationError(`${key}: the migration to version ${next} failed`, {
          cause: error,
        });
      }
    }
    await area.set({ [name]: value, [metaName]: { v: version } });
  }

  const ready = () => {
    migrated ??= migrate().catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  };

  return {
    async get() {
      await ready();
      return (await area.get(name))[name];
    },
    async set(value) {
      await ready().catch(() => {});
      await area.set({ [name]: value, [metaName]: { v: version } });
    },
    async remove() {
      await ready().catch(() => {});
      await area.remove([name, metaName]);
    },
  };
}

function versionOf(meta: unknown): number {
  const v = (meta as { v?: unknown } | undefined)?.v;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}
