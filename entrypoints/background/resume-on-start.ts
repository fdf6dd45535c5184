/**
 * When the background continues exports a stopped worker or a closed browser left unfinished:
 * at every worker start, and at every browser start (runtime.onStartup). Without the latter an
 * export cut off by closing the browser waited until a Classroom page happened to wake the
 * worker (issue #11). Both fire at a browser start; the runtime runs one resume pass at a time,
 * and a pass skips a class whose export already runs, so each journal is resumed once.
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
  // Once storage is restricted (the credentials are read from there). Not awaited: messages
  // are answered meanwhile.
  const resume = () => {
    void storageTrusted
      .then(() => teacher.resumeUnfinished())
      .catch((error: unknown) => console.error('[sis-export] resuming exports failed', error));
  };
  browser.runtime.onStartup.addListener(resume);
  resume();
}
