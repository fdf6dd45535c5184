/**
 * When the background continues exports a stopped worker or a closed browser left unfinished:
 * at every worker start. A browser start starts the worker only for an event it listens to, so
 * the worker listens to runtime.onStartup; the worker's start then does the one resume pass (a
 * second pass from the event could sweep a journal that a resumed run has just finished, before
 * its outcome is recorded).
 */
import type { TeacherRuntime } from './teacher-runtime';

/**
 * Call synchronously from the background's main(): Chrome starts a worker for an event only if
 * the worker registered its listener in its first turn.
 */
export function resumeOnStart(
  teacher: Pick<TeacherRuntime, 'resumeUnfinished'>,
  storageTrusted: Promise<boolean>,
) {
  browser.runtime.onStartup.addListener(() => {
    // Nothing more to do: being woken is the point; the start below resumes.
  });
  // Once storage is restricted (the credentials are read from there). Not awaited: messages
  // are answered meanwhile.
  void storageTrusted
    .then(() => teacher.resumeUnfinished())
    .catch((error: unknown) => console.error('[sis-export] resuming exports failed', error));
}
