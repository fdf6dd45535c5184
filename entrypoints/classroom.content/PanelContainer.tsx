/**
 * Connects the presentational Panel to the background and to the page: the only place the panel
 * talks to the extension, and the one that writes diagnostics to the clipboard. Which teacher
 * view shows follows the background's panel state: not linked → LinkContainer, linked →
 * LinkedContainer (preview, export, progress, summary, history).
 */
import { useEffect, useState } from 'react';
import type { DiagnosticsCopy, PageReading } from '@/components/panel/PageReading';
import { Panel, type PanelStatus } from '@/components/panel/Panel';
import { type CellDisagreement, describePage } from '@/lib/classroom/diagnostics';
import type { CourseSnapshot } from '@/lib/classroom/model';
import { sendRequest } from '@/lib/messaging/send';
import { LinkContainer } from './LinkContainer';
import { LinkedContainer } from './LinkedContainer';
import { type PanelStateStatus, usePanelState } from './use-panel-state';

export interface PanelContainerProps {
  courseId: string;
  /** What the content script has read from the page (page-reader.ts). */
  reading: PageReading;
  /** The merged snapshot of this class, once a page of it has been read. */
  snapshot?: CourseSnapshot;
}

export function PanelContainer({ courseId, reading, snapshot: latest }: PanelContainerProps) {
  // While a navigation within the class is being read, the last reading still holds (the
  // reader merges the next one into it); the panel keeps exporting from it meanwhile.
  const [snapshot, setSnapshot] = useState(latest);
  useEffect(() => {
    if (latest) setSnapshot(latest);
  }, [latest]);
  const [poll, setPoll] = useState(false);
  const [wide, setWide] = useState(false);
  // Right after linking, the preview opens by itself so the student matching shows at once.
  const [justLinked, setJustLinked] = useState(false);
  const accountEmail = snapshot?.teacherEmail || undefined;
  const { status, reload, retry, show } = usePanelState(courseId, poll, accountEmail);
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<string>();
  // Each copy belongs to the reading it was made on: a new reading is a new page state, which
  // an earlier "copied" no longer describes.
  const [copy, setCopy] = useState<{ reading: PageReading; result: DiagnosticsCopy }>();
  const diagnosticsCopy = copy?.reading === reading ? copy.result : 'idle';

  // The last preview's page/API disagreements: counted in the panel, and shaped into Copy
  // diagnostics.
  const [disagreements, setDisagreements] = useState<readonly CellDisagreement[]>([]);

  const copyDiagnostics = () => {
    // Built on click, from the page as it is now; it never holds names, emails or grades.
    const outline = describePage(document, location.pathname, undefined, disagreements);
    navigator.clipboard.writeText(outline).then(
      () => setCopy({ reading, result: 'copied' }),
      () => setCopy({ reading, result: 'failed' }),
    );
  };

  const panel = status.state === 'ready' ? status.panel : undefined;
  const google = panel?.access.google;

  const signInWithGoogle = async () => {
    setSigningIn(true);
    setSignInError(undefined);
    // As the page's account (login_hint); the background keeps the token, the panel gets its
    // new state.
    const reply = await sendRequest('connectGoogleAccount', {
      courseId,
      ...(accountEmail ? { accountEmail } : {}),
    });
    setSigningIn(false);
    if (reply.ok) show(reply.data);
    else setSignInError(reply.error.message);
  };
  const setup = panel?.access.setup;
  const [openSettingsError, setOpenSettingsError] = useState<string>();
  // The teacher authorizes in the options tab, then comes back to this one: ask again then
  // (quietly: a lost answer keeps the notice rather than turning it into an error).
  useEffect(() => {
    if (!setup) return;
    const again = () => void reload(true);
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [setup, reload]);

  return (
    <Panel
      courseId={courseId}
      status={toPanelStatus(status)}
      reading={reading}
      onCopyDiagnostics={copyDiagnostics}
      diagnosticsCopy={diagnosticsCopy}
      onRetry={retry}
      onOpenSettings={async () => {
        const reply = await sendRequest('openSettings', {});
        setOpenSettingsError(reply.ok ? undefined : reply.error.message);
      }}
      openSettingsError={openSettingsError}
      classFromApi={Boolean(google?.configured && google.signedIn)}
      disagreementCount={disagreements.length}
      googleSignIn={
        google?.configured && !google.signedIn
          ? { busy: signingIn, error: signInError, onSignIn: () => void signInWithGoogle() }
          : undefined
      }
      wide={wide}
    >
      {panel?.link ? (
        // Keyed by the SIS class: a relink starts the export view afresh.
        <LinkedContainer
          key={panel.link.sisClassId}
          courseId={courseId}
          panel={panel}
          link={panel.link}
          snapshot={snapshot}
          reload={reload}
          previewFirst={justLinked}
          onUnlinked={(state) => {
            setJustLinked(false);
            show(state);
          }}
          onPoll={setPoll}
          onWide={setWide}
          onDisagreements={setDisagreements}
        />
      ) : (
        panel && (
          <LinkContainer
            courseId={courseId}
            accountEmail={snapshot?.teacherEmail ?? ''}
            overrideAllowed={panel.access.teacherOverrideAllowed === true}
            onLinked={() => {
              setJustLinked(true);
              void reload();
            }}
          />
        )
      )}
    </Panel>
  );
}

function toPanelStatus(status: PanelStateStatus): PanelStatus {
  if (status.state !== 'ready') return status;
  const { connected, exportAllowed, setup } = status.panel.access;
  return { state: 'ready', connected, exportAllowed, ...(setup ? { setup } : {}) };
}
