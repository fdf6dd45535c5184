import { useId } from 'react';
import { t } from '@/lib/i18n/t';
import type { PanelState } from '@/lib/messaging/replies';
import { trusted } from './trusted';

type Progress = NonNullable<PanelState['export']['progress']>;

export interface ExportProgressSectionProps {
  /** Absent while the background reads the SIS and plans (before the first write). */
  progress?: Progress;
  /** The export was found running (or left unfinished) when the panel opened: it resumes. */
  resuming: boolean;
  cancelling: boolean;
  error?: string;
  /** Absent while there is nothing to cancel yet (the SIS is being read, a resume awaited). */
  onCancel?: () => void;
}

/**
 * The running export: a progress bar (done of total in the current phase), the phase in words,
 * failures and retries, and Cancel. Only the phase is announced; the counts change too often.
 */
export function ExportProgressSection({
  progress,
  resuming,
  cancelling,
  error,
  onCancel,
}: ExportProgressSectionProps) {
  const id = useId();
  // Before its first report a resumed export reads nothing: it picks up its saved plan.
  const phase = !progress && resuming ? t('progressPhaseResuming') : phaseText(progress?.phase);
  const finished = progress ? progress.done + progress.failed : 0;
  const percent =
    progress && progress.total > 0 ? Math.round((finished / progress.total) * 100) : 0;
  return (
    <section
      className="panel__section"
      aria-labelledby={`${id}-heading`}
      data-testid="export-progress"
    >
      <h3 id={`${id}-heading`} className="panel__heading">
        {resuming ? t('progressResuming') : t('progressHeading')}
      </h3>
      <p aria-live="polite" data-testid="progress-phase">
        {phase}
      </p>
      <div
        className="panel__progress"
        role="progressbar"
        aria-labelledby={`${id}-heading`}
        aria-valuemin={0}
        aria-valuemax={progress?.total}
        aria-valuenow={progress ? finished : undefined}
        aria-valuetext={
          progress ? `${phase} ${t('progressCount', finished, progress.total)}` : phase
        }
      >
        <div
          className={
            progress ? 'panel__progress-bar' : 'panel__progress-bar panel__progress-bar--unknown'
          }
          style={progress ? { width: `${percent}%` } : undefined}
        />
      </div>
      {progress && (
        <p data-testid="progress-count">
          {t('progressCount', finished, progress.total)}
          {progress.failed > 0 && ` · ${t('progressFailed', progress.failed)}`}
          {progress.retrying > 0 && ` · ${t('progressRetrying', progress.retrying)}`}
        </p>
      )}
      {error && (
        <p role="alert" className="panel__error">
          {error}
        </p>
      )}
      {onCancel && (
        <button
          type="button"
          className="panel__button"
          disabled={cancelling}
          aria-busy={cancelling || undefined}
          onClick={trusted(onCancel)}
        >
          {cancelling ? t('progressCancelling') : t('progressCancel')}
        </button>
      )}
    </section>
  );
}

function phaseText(phase: Progress['phase'] | undefined): string {
  switch (phase) {
    case undefined:
      return t('progressPhaseReading');
    case 'line-items':
      return t('progressPhaseLineItems');
    case 'grades':
      return t('progressPhaseGrades');
  }
}
