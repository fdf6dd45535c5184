/**
 * Follows the background's word on the class's export. A run found on opening the panel (a
 * reload, another tab, a worker that restarted and resumed its journal) is shown as resuming; so
 * is one a restarted worker is about to resume (`resuming`: its start-up resume has not decided
 * yet), whether the panel was open through the restart or opened after it, and the panel keeps
 * asking until the run ends. A run that stops being reported, and is not about to
 * be resumed, has ended and its summary is in the history. Stopped and cancelled exports wait for
 * the teacher.
 */
import { useEffect, useRef } from 'react';
import type { PanelState } from '@/lib/messaging/replies';
import type { ExportStage } from './use-export-flow';

export function useExportWatch(
  panel: PanelState | undefined,
  view: ExportStage,
  setView: (view: ExportStage) => void,
) {
  const current = useRef(view);
  current.current = view;

  // Only a new answer from the background moves the view (not a change of view itself): the
  // answer held when Export was clicked predates the run and must not end it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to new panel states only
  useEffect(() => {
    if (!panel) return;
    const { running, resuming } = panel.export;
    const shown = current.current;
    if ((running || resuming) && (shown.mode === 'idle' || shown.mode === 'done')) {
      setView({ mode: 'running', resuming: true });
    } else if (resuming && shown.mode === 'running' && !shown.resuming) {
      // The worker that ran it stopped while the panel watched; the new one continues it.
      setView({ mode: 'running', resuming: true });
    } else if (!running && !resuming && shown.mode === 'running') {
      setView({ mode: 'done' });
    }
  }, [panel]);

  return {
    /** Poll the background while a run is shown (running, or about to be resumed). */
    poll: view.mode === 'running',
  };
}
