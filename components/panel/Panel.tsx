import { useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { type DiagnosticsCopy, type PageReading, PageReadingSection } from './PageReading';

export type PanelStatus =
  | { state: 'loading' }
  | { state: 'ready'; connected: boolean }
  | { state: 'error'; message: string };

export interface PanelProps {
  /** Numeric Classroom course id of the class page the teacher is on. */
  courseId: string;
  status: PanelStatus;
  /** What has been read from the Classroom page so far. */
  reading: PageReading;
  /** Copies the scrubbed page outline (offered when reading fails or finds unreadable cells). */
  onCopyDiagnostics: () => void;
  diagnosticsCopy: DiagnosticsCopy;
}

/** The teacher panel on Classroom class pages: a collapsible card, presentational only. */
export function Panel({
  courseId,
  status,
  reading,
  onCopyDiagnostics,
  diagnosticsCopy,
}: PanelProps) {
  const [collapsed, setCollapsed] = useState(false);
  const bodyId = useId();
  return (
    <section className="panel" aria-label={t('panelTitle')} data-testid="sis-panel">
      <header className="panel__header">
        <h2 className="panel__title">{t('panelTitle')}</h2>
        <button
          type="button"
          className="panel__toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          onClick={() => setCollapsed(!collapsed)}
        >
          {collapsed ? t('panelExpand') : t('panelCollapse')}
        </button>
      </header>
      <div id={bodyId} className="panel__body" hidden={collapsed}>
        <p className="panel__course" data-testid="panel-course">
          {t('panelCourse', courseId)}
        </p>
        <PageReadingSection
          reading={reading}
          onCopyDiagnostics={onCopyDiagnostics}
          diagnosticsCopy={diagnosticsCopy}
        />
        <PanelStatusLine status={status} />
      </div>
    </section>
  );
}

function PanelStatusLine({ status }: { status: PanelStatus }) {
  switch (status.state) {
    case 'loading':
      return <p role="status">{t('panelChecking')}</p>;
    case 'error':
      return (
        <p role="alert" className="panel__error">
          {t('panelUnavailable', status.message)}
        </p>
      );
    case 'ready':
      // Connected states (link, preview, export) arrive with the teacher workflow.
      return status.connected ? null : <p data-testid="panel-status">{t('panelNotConnected')}</p>;
  }
}
