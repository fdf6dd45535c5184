import { type ReactNode, useId, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { GoogleSignIn, type GoogleSignInProps } from './GoogleSignIn';
import { type DiagnosticsCopy, type PageReading, PageReadingSection } from './PageReading';
import { PanelAccessNotice, type PanelStatus } from './PanelAccessNotice';
import { trusted } from './trusted';

export type { PanelStatus } from './PanelAccessNotice';

export interface PanelProps {
  /** Numeric Classroom course id of the class page the teacher is on. */
  courseId: string;
  status: PanelStatus;
  /** What has been read from the Classroom page so far. */
  reading: PageReading;
  /** Copies the scrubbed page outline (offered when reading fails or finds unreadable cells). */
  onCopyDiagnostics: () => void;
  diagnosticsCopy: DiagnosticsCopy;
  /** Asks the background for the panel's state again after a failure. */
  onRetry?: () => void;
  /** Opens the extension's options page (to authorize this browser). */
  onOpenSettings?: () => void;
  /** Why the options page could not be opened. */
  openSettingsError?: string;
  /**
   * "Sign in with Google", when the Classroom API is set up and this account is not signed in
   * (the container decides); shown while teachers may work.
   */
  googleSignIn?: GoogleSignInProps;
  /** The class is read from the Classroom API (set up, and this account signed in). */
  classFromApi?: boolean;
  /** Cells where the last preview found the page and the Classroom API disagreeing. */
  disagreementCount?: number;
  /** Widens the card for the preview table and the summary. */
  wide?: boolean;
  /** The teacher's workflow (link, preview, export), shown once teachers may use it. */
  children?: ReactNode;
}

/** The teacher panel on Classroom class pages: a collapsible card, presentational only. */
export function Panel(props: PanelProps) {
  const { courseId, status, reading, wide = false } = props;
  const [collapsed, setCollapsed] = useState(false);
  const bodyId = useId();
  const usable =
    status.state === 'ready' && status.connected && status.exportAllowed && !status.setup;
  return (
    <section
      className={wide && !collapsed ? 'panel panel--wide' : 'panel'}
      aria-label={t('panelTitle')}
      data-testid="sis-panel"
    >
      <header className="panel__header">
        <h2 className="panel__title">{t('panelTitle')}</h2>
        <button
          type="button"
          className="panel__toggle"
          aria-expanded={!collapsed}
          aria-controls={bodyId}
          onClick={trusted(() => setCollapsed(!collapsed))}
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
          onCopyDiagnostics={props.onCopyDiagnostics}
          diagnosticsCopy={props.diagnosticsCopy}
          classFromApi={props.classFromApi}
          disagreementCount={props.disagreementCount}
        />
        <PanelAccessNotice
          status={status}
          onRetry={props.onRetry}
          onOpenSettings={props.onOpenSettings}
          openSettingsError={props.openSettingsError}
        />
        {/* Not while the page is being read: Google is asked for the page's account (login_hint). */}
        {usable && props.googleSignIn && reading.state !== 'reading' && (
          <GoogleSignIn {...props.googleSignIn} />
        )}
        {usable && props.children}
      </div>
    </section>
  );
}
