import { createRouter } from '@/lib/messaging/router';
import { restrictLocalStorageToTrustedContexts } from '@/lib/settings/access-level';
import { createHandlers } from './handlers';

export default defineBackground(() => {
  // Must run at every start, before any secret is read or written.
  const storageTrusted = restrictLocalStorageToTrustedContexts();
  const route = createRouter(createHandlers({ storageTrusted }), {
    extensionId: browser.runtime.id,
    optionsUrl: browser.runtime.getURL('/options.html'),
  });
  // Returning the promise is how webextension-polyfill (and Chrome 99+) send the reply.
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
});
