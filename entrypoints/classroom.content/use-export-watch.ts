/**
 * Follows the background's word on the class's export. A run found on opening the panel (a
 * reload, another tab, a worker that restarted and resumed its journal) is shown as resuming; a
 * run that stops being reported has ended and its summary is in the history. An export a
 * stopped worker cut off (`resuming`) gets a short grace when the panel opens: the restarting
 * worker resumes its journal a moment after it answers the panel's first question. Stopped and
 * cancelled exports wait for the teacher.
 */
import { useEffect, useRef, useState } from 'react';
import type { PanelState } from '@/lib/messaging/panel-protocol';
import type { ExportView } from './use-export-flow';

/** How long an unfinished export may take to be picked up by a restarted worker. */
export const RESUME_GRACE_MS = 10_000;

export function useExportWatch(
  panel: PanelState | undefined,
  view: ExportView,
  setView: (view: ExportView) => void,
) {
  const [grace, setGrace] = useState(false);
  const graceGiven = useRef(false);
  const mode = useRef(view.mode);
  mode.current = view.mode;

  // Only a new answer from the background moves the view (not a change of view itself): the
  // answer held when Export was clicked predates the run and must not end it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to new panel states only
  useEffect(() => {
    if (!panel) return;
    const { running, resuming } = panel.export;
    if (running && (mode.current === 'idle' || mode.current === 'done')) {
      setView({ mode: 'running', resuming: true });
    } else if (!running && mode.current === 'running') {
      setView({ mode: 'done' });
    }
    // Only as the panel opens: an export cancelled or stopped while it is open is the
    // teacher's to finish, not a worker restart.
    if (!graceGiven.current) {
      graceGiven.current = true;
      if (resuming && !running) setGrace(true);
    }
  }, [panel]);

  useEffect(() => {
    if (!grace) return;
    const timer = setTimeout(() => setGrace(false), RESUME_GRACE_MS);
    return () => clearTimeout(timer);
  }, [grace]);

  const waitingForResume = grace && Boolean(panel?.export.resuming) && !panel?.export.running;
  return {
    /** Poll the background: a run is shown, or a resume is expected any moment. */
    poll: view.mode === 'running' || waitingForResume,
    waitingForResume,
  };
}
