/**
 * The linked panel: the link with Unlink, then one of: "Export grades", the preview (student
 * matching + coursework table), the progress of a running export, or the last summary with the
 * per-coursework status; the history below. Tells PanelContainer when to poll and to widen.
 */
import { useEffect, useMemo, useState } from 'react';
import { CourseworkStatus } from '@/components/panel/CourseworkStatus';
import { ExportAnnouncement } from '@/components/panel/ExportAnnouncement';
import { ExportHistory } from '@/components/panel/ExportHistory';
import { ExportPreview } from '@/components/panel/ExportPreview';
import { ExportProgressSection } from '@/components/panel/ExportProgressSection';
import { ExportStart } from '@/components/panel/ExportStart';
import { ExportSummarySection } from '@/components/panel/ExportSummarySection';
import { LinkedClass } from '@/components/panel/LinkedClass';
import { StudentMatching } from '@/components/panel/StudentMatching';
import type { CellDisagreement } from '@/lib/classroom/diagnostics';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { ClassLinkView, PanelState } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';
import { type ExportFlow, useExportFlow } from './export-flow';

export interface LinkedContainerProps {
  courseId: string;
  panel: PanelState;
  link: ClassLinkView;
  snapshot?: CourseSnapshot;
  reload: () => Promise<PanelState | undefined>;
  /** Open the preview at once (the class was just linked). */
  previewFirst: boolean;
  onUnlinked(state: PanelState): void;
  onPoll(poll: boolean): void;
  onWide(wide: boolean): void;
  /** The page/API disagreements of each preview shown, for Copy diagnostics. */
  onDisagreements?(cells: readonly CellDisagreement[]): void;
}

export function LinkedContainer(props: LinkedContainerProps) {
  const { courseId, panel, link, snapshot, onPoll, onWide, onDisagreements } = props;
  const flow = useExportFlow({
    courseId,
    snapshot,
    panel,
    savedChoices: link.choices,
    previewFirst: props.previewFirst,
    reload: props.reload,
  });
  const { stage } = flow;
  const [unlinking, setUnlinking] = useState(false);
  const [unlinkError, setUnlinkError] = useState<string>();
  // The grades are known from a Grades page read here, or the background will read them from the
  // Classroom API (set up by the admin, and this account signed in with Google).
  const google = panel.access.google;
  const gradebookRead =
    Boolean(snapshot?.coverage.gradebook) || Boolean(google?.configured && google.signedIn);

  // Poll the background while a run is shown (running, or about to be resumed).
  const poll = stage.mode === 'running';
  useEffect(() => {
    onPoll(poll);
    return () => onPoll(false);
  }, [poll, onPoll]);
  const disagreements =
    stage.mode === 'preview' ? stage.preview?.sources?.disagreements : undefined;
  useEffect(() => {
    if (disagreements) onDisagreements?.(disagreements);
  }, [disagreements, onDisagreements]);
  const wide = stage.mode !== 'idle';
  useEffect(() => {
    onWide(wide);
    return () => onWide(false);
  }, [wide, onWide]);

  const names = useMemo(
    () => Object.fromEntries((snapshot?.students ?? []).map((s) => [s.key, s.name])),
    [snapshot],
  );
  const coursework = useMemo(
    () => (snapshot?.coursework ?? []).map((item) => ({ id: item.id, title: item.title })),
    [snapshot],
  );
  const titles = useMemo(
    () => Object.fromEntries(coursework.map((item) => [item.id, item.title])),
    [coursework],
  );

  const unlink = async () => {
    setUnlinking(true);
    setUnlinkError(undefined);
    const reply = await sendRequest('unlinkClass', { courseId });
    setUnlinking(false);
    if (reply.ok) props.onUnlinked(reply.data);
    else setUnlinkError(reply.error.message);
  };

  const busy = stage.mode === 'running' || stage.mode === 'starting';
  // The preview carries the link over to a new OneRoster version: its notice shows at once.
  const carriedOver =
    (stage.mode === 'preview' ? stage.preview?.carriedOver : undefined) ?? link.carriedOver;
  return (
    <>
      <LinkedClass
        link={carriedOver ? { ...link, carriedOver } : link}
        unlinking={unlinking}
        canUnlink={!busy && !panel.export.running && !panel.export.resuming}
        unlinkError={unlinkError}
        onUnlink={() => void unlink()}
      />
      <ExportSection
        flow={flow}
        panel={panel}
        names={names}
        titles={titles}
        gradebookRead={gradebookRead}
      />
      {stage.mode === 'done' && (
        <CourseworkStatus coursework={coursework} lastExported={panel.lastExported} />
      )}
      <ExportAnnouncement summary={stage.mode === 'done' ? stage.summary : undefined} />
      <ExportHistory history={panel.history} />
    </>
  );
}

interface ExportSectionProps {
  flow: ExportFlow;
  panel: PanelState;
  names: Readonly<Record<string, string>>;
  /** courseworkId → title, to name failed coursework in the summary. */
  titles: Readonly<Record<string, string>>;
  gradebookRead: boolean;
}

/**
 * The export part of the linked panel, by the flow's stage: "Export grades", the preview with
 * student matching, the progress (also while a restarted worker is about to resume), or the
 * summary of the export that just ended.
 */
function ExportSection({ flow, panel, names, titles, gradebookRead }: ExportSectionProps) {
  const { stage } = flow;
  const progress = (resuming: boolean, canCancel: boolean) => (
    <ExportProgressSection
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
      onPreview={flow.openPreview}
    />
  );

  switch (stage.mode) {
    case 'idle':
      return start(false);
    case 'preview':
      if (!stage.preview) return start(true);
      return (
        <>
          <StudentMatching
            students={stage.preview.students}
            names={names}
            busyKey={flow.matchBusy}
            error={flow.matchError}
            onMatch={(key, id) => void flow.match(key, id)}
            onAutomatic={(key) => void flow.matchAutomatically(key)}
          />
          <ExportPreview
            preview={stage.preview}
            choices={flow.choices}
            lastExported={panel.lastExported}
            updating={stage.updating}
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
      return progress(stage.resuming, panel.export.running);
    case 'done':
      return (
        <>
          {stage.summary && (
            <ExportSummarySection summary={stage.summary} titles={titles} names={names} />
          )}
          {start(false)}
        </>
      );
  }
}
