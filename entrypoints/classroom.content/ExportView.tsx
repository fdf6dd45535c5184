/**
 * Picks the export part of the linked panel from the flow's mode: "Export grades", the preview
 * with student matching, the progress (also while a restarted worker is about to resume), or
 * the summary of the export that just ended.
 */
import { ExportPreview } from '@/components/panel/ExportPreview';
import { ExportProgress } from '@/components/panel/ExportProgress';
import { ExportStart } from '@/components/panel/ExportStart';
import { ExportSummary } from '@/components/panel/ExportSummary';
import { StudentMatching } from '@/components/panel/StudentMatching';
import type { PanelState } from '@/lib/messaging/replies';
import type { ExportFlow } from './use-export-flow';

export interface ExportViewProps {
  flow: ExportFlow;
  panel: PanelState;
  names: Readonly<Record<string, string>>;
  /** courseworkId → title, to name failed coursework in the summary. */
  titles: Readonly<Record<string, string>>;
  gradebookRead: boolean;
}

export function ExportView({ flow, panel, names, titles, gradebookRead }: ExportViewProps) {
  const { view } = flow;
  const latest = panel.history[0];
  const progress = (resuming: boolean, canCancel: boolean) => (
    <ExportProgress
      progress={panel.export.running ? panel.export.progress : undefined}
      resuming={resuming}
      cancelling={flow.cancelling}
      error={flow.error}
      // Nothing runs yet to cancel while the SIS is read or a resume is awaited.
      onCancel={canCancel ? () => void flow.cancel() : undefined}
    />
  );
  const start = (loading: boolean) => (
    <ExportStart
      gradebookRead={gradebookRead}
      loading={loading}
      unfinished={panel.export.resumable && !panel.export.resuming}
      error={flow.error}
      onPreview={() => void flow.openPreview()}
    />
  );

  switch (view.mode) {
    case 'idle':
      return start(false);
    case 'preview':
      if (!view.preview) return start(true);
      return (
        <>
          <StudentMatching
            students={view.preview.students}
            names={names}
            busyKey={flow.matchBusy}
            error={flow.matchError}
            onMatch={(key, id) => void flow.match(key, id)}
            onAutomatic={(key) => void flow.matchAutomatically(key)}
          />
          <ExportPreview
            preview={view.preview}
            choices={flow.choices}
            lastExported={panel.lastExported}
            updating={view.updating}
            error={flow.error}
            onChoices={flow.changeChoices}
            onExport={() => void flow.start()}
            onClose={flow.close}
          />
        </>
      );
    case 'starting':
      return progress(false, false);
    case 'running':
      return progress(view.resuming, panel.export.running);
    case 'done':
      return (
        <>
          {latest && <ExportSummary summary={latest} titles={titles} names={names} />}
          {start(false)}
        </>
      );
  }
}
