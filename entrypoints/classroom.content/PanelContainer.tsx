/**
 * Connects the presentational Panel to the background and to the page: the only place the panel
 * talks to the extension, and the one that writes diagnostics to the clipboard.
 */
import { useEffect, useState } from 'react';
import type { DiagnosticsCopy, PageReading } from '@/components/panel/PageReading';
import { Panel, type PanelStatus } from '@/components/panel/Panel';
import { describePage } from '@/lib/classroom/diagnostics';
import { sendRequest } from '@/lib/messaging/send';

export interface PanelContainerProps {
  courseId: string;
  /** What the content script has read from the page (page-reader.ts). */
  reading: PageReading;
}

export function PanelContainer({ courseId, reading }: PanelContainerProps) {
  const [status, setStatus] = useState<PanelStatus>({ state: 'loading' });
  const [diagnosticsCopy, setDiagnosticsCopy] = useState<DiagnosticsCopy>('idle');
  useEffect(() => {
    let live = true;
    sendRequest('getStatus', {}).then((reply) => {
      if (!live) return;
      setStatus(
        reply.ok
          ? { state: 'ready', connected: reply.data.connected }
          : { state: 'error', message: reply.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, []);
  // A new reading is a new page state: an earlier "copied" no longer describes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every new reading
  useEffect(() => setDiagnosticsCopy('idle'), [reading]);

  const copyDiagnostics = () => {
    // Built on click, from the page as it is now; it never holds names, emails or grades.
    const outline = describePage(document, location.pathname);
    navigator.clipboard.writeText(outline).then(
      () => setDiagnosticsCopy('copied'),
      () => setDiagnosticsCopy('failed'),
    );
  };

  return (
    <Panel
      courseId={courseId}
      status={status}
      reading={reading}
      onCopyDiagnostics={copyDiagnostics}
      diagnosticsCopy={diagnosticsCopy}
    />
  );
}
