/**
 * The linked panel: the link with Unlink, then one of: "Export grades", the preview (student
 * matching + coursework table), the progress of a running export, or the last summary with the
 * per-coursework status; the history below. Tells PanelContainer when to poll and to widen.
 */
import { useEffect, useMemo, useState } from 'react';
import { CourseworkStatus } from '@/components/panel/CourseworkStatus';
import { ExportAnnouncement } from '@/components/panel/ExportAnnouncement';
import { ExportHistory } from '@/components/panel/ExportHistory';
import { LinkedClass } from '@/components/panel/LinkedClass';
import type { CourseSnapshot } from '@/lib/classroom/model';
import type { ClassLinkView, PanelState } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';
import { ExportView } from './ExportView';
import { useExportFlow } from './use-export-flow';
import { useExportWatch } from './use-export-watch';

export interface LinkedContainerProps {
  courseId: string;
  panel: PanelState;
  link: ClassLinkView;
  snapshot?: CourseSnapshot;
  reload: () => Promise<unknown>;
  /** Open the preview at once (the class was just linked). */
  previewFirst: boolean;
  onUnlinked(state: PanelState): void;
  onPoll(poll: boolean): void;
  onWide(wide: boolean): void;
}

export function LinkedContainer(props: LinkedContainerProps) {
  const { courseId, panel, link, snapshot, onPoll, onWide } = props;
  const flow = useExportFlow({
    courseId,
    snapshot,
    savedChoices: link.choices,
    reload: props.reload,
  });
  const watch = useExportWatch(panel, flow.view, flow.setView);
  const [unlinking, setUnlinking] = useState(false);
  const [unlinkError, setUnlinkError] = useState<string>();
  const gradebookRead = Boolean(snapshot?.coverage.gradebook);

  useEffect(() => {
    onPoll(watch.poll);
    return () => onPoll(false);
  }, [watch.poll, onPoll]);
  const wide = flow.view.mode !== 'idle';
  useEffect(() => {
    onWide(wide);
    return () => onWide(false);
  }, [wide, onWide]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the Grades page is read
  useEffect(() => {
    if (props.previewFirst && gradebookRead && flow.view.mode === 'idle') void flow.openPreview();
  }, [gradebookRead]);

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

  const busy = flow.view.mode === 'running' || flow.view.mode === 'starting';
  return (
    <>
      <LinkedClass
        link={link}
        unlinking={unlinking}
        canUnlink={!busy && !panel.export.running && !panel.export.resuming}
        unlinkError={unlinkError}
        onUnlink={() => void unlink()}
      />
      <ExportView
        flow={flow}
        panel={panel}
        names={names}
        titles={titles}
        gradebookRead={gradebookRead}
      />
      {flow.view.mode === 'done' && (
        <CourseworkStatus coursework={coursework} lastExported={panel.lastExported} />
      )}
      <ExportAnnouncement summary={flow.view.mode === 'done' ? panel.history[0] : undefined} />
      <ExportHistory history={panel.history} />
    </>
  );
}
