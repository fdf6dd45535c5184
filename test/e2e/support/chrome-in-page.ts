/**
 * The few extension APIs the tests call inside extension pages and the worker. The project does
 * not type a global `chrome` on purpose (product code goes through `browser`), so tests reach it
 * through `(globalThis as unknown as InPage).chrome`. Functions passed to page.evaluate are
 * serialized, so they may use types from here but never values.
 */
export interface ChromeInPage {
  runtime: {
    getManifest(): { name: string; version: string };
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(listener: (message: unknown) => void): void };
  };
  permissions: {
    contains(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
  };
  storage: {
    local: {
      get(keys: string | null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
}

export type InPage = { chrome: ChromeInPage };
