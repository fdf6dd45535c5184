/**
 * Keeps the service worker alive while an export runs. Chrome stops an idle MV3 worker after
 * 30 s without extension events or API calls; fetches to the SIS do not count, so a long export
 * with a closed panel (the teacher went to another page) would be cut off and left to resume
 * at the next start. Since Chrome 110 every extension API call resets the idle timer, and the
 * documented keep-alive is a cheap call such as `runtime.getPlatformInfo()` every ~20 s
 * (developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle). We do that
 * only while an export runs, instead of relying on the panel's polling, which stops with the
 * panel. The journal still covers a worker Chrome stops anyway (after 5 min per request, or a
 * browser shutdown): the next start resumes it.
 */

/** The recommended interval: well inside the 30 s idle limit. */
export const KEEP_ALIVE_INTERVAL_MS = 20_000;

export interface KeepAlive {
  /** Starts pinging (if not already) until the returned release is called. */
  hold(): () => void;
  /** True while at least one holder holds it. */
  readonly active: boolean;
}

/** A reference-counted keep-alive: one timer however many exports run. */
export function createKeepAlive(
  ping: () => Promise<unknown>,
  intervalMs = KEEP_ALIVE_INTERVAL_MS,
): KeepAlive {
  let holders = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    hold() {
      holders++;
      timer ??= setInterval(() => {
        // A failed ping only means this one did not extend the lifetime; the next may.
        Promise.resolve()
          .then(ping)
          .catch(() => undefined);
      }, intervalMs);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holders--;
        if (holders === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    get active() {
      return holders > 0;
    },
  };
}

/** The real ping: an extension API call that is cheap and needs no permission. */
export function pingExtensionApi(): Promise<unknown> {
  return browser.runtime.getPlatformInfo();
}
