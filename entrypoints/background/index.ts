import { createRouter } from '@/lib/messaging/router';
import { restrictLocalStorageToTrustedContexts } from '@/lib/settings/items';
import { createHandlers } from './handlers';
import { browserDependencies, createTeacherRuntime, resumeOnStart } from './runtime';

export default defineBackground(() => {
  // Must run at every start, before any secret is read or written.
  const storageTrusted = restrictLocalStorageToTrustedContexts();
  const teacher = createTeacherRuntime(browserDependencies);
  const route = createRouter(createHandlers({ storageTrusted }, browserDependencies, teacher), {
    extensionId: browser.runtime.id,
    optionsUrl: browser.runtime.getURL('/options.html'),
  });
  // Returning the promise is how webextension-polyfill sends the reply (it calls Chrome's
  // sendResponse for us and keeps the channel open until the promise settles).
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  // Exports a stopped worker or a closed browser left unfinished continue now and at every
  // browser start.
  resumeOnStart(teacher, storageTrusted);
});
