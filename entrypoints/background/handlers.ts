/** One small function per message; the real work lives in lib/. */
import type { Handlers } from '@/lib/messaging/router';

export interface BackgroundState {
  /** Resolves once storage.local has been restricted (true) or failed to be (false). */
  storageTrusted: Promise<boolean>;
}

export function createHandlers(state: BackgroundState): Handlers {
  return {
    async getStatus() {
      return {
        version: browser.runtime.getManifest().version,
        storageTrusted: await state.storageTrusted,
        // Connections arrive with the admin options page; until then nothing can be connected.
        connected: false,
      };
    },
  };
}
