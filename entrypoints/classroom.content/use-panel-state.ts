/**
 * The panel's view of the background (getPanelState): loaded on open, with a bounded wait and
 * Retry; polled every 500 ms while an export runs. The polling is what shows progress, and each
 * message also resets the MV3 worker's idle timer while the teacher watches.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '@/lib/errors';
import { t } from '@/lib/i18n/t';
import type { PanelState, Reply } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';

/** A start-up that reads storage answers in well under a second; 8 s means it is not coming. */
const STATE_TIMEOUT_MS = 8_000;
const POLL_MS = 500;

export type PanelStateStatus =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; panel: PanelState };

/** `accountEmail`: the page's account, so the background can say whether it has a Google token. */
export function usePanelState(courseId: string, poll: boolean, accountEmail?: string) {
  const [status, setStatus] = useState<PanelStateStatus>({ state: 'loading' });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  /** Fetches the state; `quiet` keeps the last good state on a failed poll. */
  const load = useCallback(
    async (quiet = false) => {
      const request = { courseId, ...(accountEmail ? { accountEmail } : {}) };
      let reply = await withTimeout(sendRequest('getPanelState', request), STATE_TIMEOUT_MS);
      // One silent second try: the first message after a worker stop can be lost in its start.
      if (!reply.ok && !quiet && reply.error.code === 'no-answer') {
        reply = await withTimeout(sendRequest('getPanelState', request), STATE_TIMEOUT_MS);
      }
      if (!live.current) return undefined;
      if (reply.ok) setStatus({ state: 'ready', panel: reply.data });
      else if (!quiet) setStatus({ state: 'error', message: errorText(reply.error) });
      return reply.ok ? reply.data : undefined;
    },
    [courseId, accountEmail],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // One request at a time: the next poll is scheduled when the previous answer arrived.
  useEffect(() => {
    if (!poll) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await load(true);
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll, load]);

  const retry = useCallback(() => {
    setStatus({ state: 'loading' });
    void load();
  }, [load]);

  /** Shows a state another message returned (unlinkClass answers with the new state). */
  const show = useCallback((panel: PanelState) => setStatus({ state: 'ready', panel }), []);

  return { status, reload: load, retry, show };
}

/** Silence or garbage is "could not be reached"; a refusal already says what is wrong. */
function errorText(error: ErrorInfo): string {
  const unreachable = error.code === 'no-answer' || error.code === 'invalid-reply';
  return unreachable ? t('panelUnavailable', error.message) : error.message;
}

/**
 * A request the background never answers (a worker stopped mid-reply, a port Chrome dropped)
 * would leave the panel waiting forever: "Checking the SIS connection…" that never ends. This
 * turns silence into a reply the panel can show with Retry.
 */
function withTimeout<T>(request: Promise<Reply<T>>, ms: number): Promise<Reply<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Reply<T>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: { code: 'no-answer', message: t('errorNoAnswer') } }),
      ms,
    );
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}
