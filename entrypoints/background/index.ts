import { createRouter } from '@/lib/messaging/router';
import { restrictLocalStorageToTrustedContexts } from '@/lib/settings/access-level';
import { browserDependencies, createHandlers } from './handlers';
import { createTeacherRuntime } from './teacher-runtime';

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
  // An export a stopped worker left running continues now, once storage is restricted (its
  // credentials are read from there). Not awaited: messages are answered meanwhile.
  void storageTrusted
    .then(() => teacher.resumeUnfinished())
    .catch((error: unknown) => console.error('[sis-export] resuming exports failed', error));
});
