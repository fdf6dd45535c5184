import type { ReadFailure, SnapshotSummary } from '@/lib/classroom/read-page';
import { t } from '@/lib/i18n/t';
import { trusted } from './trusted';

/** Where reading the Classroom page stands; the content script passes it in. */
export type PageReading =
  | { state: 'reading' }
  | { state: 'read'; summary: SnapshotSummary }
  | { state: 'failed'; failure: ReadFailure };

/** Outcome of the last "Copy diagnostics" click. */
export type DiagnosticsCopy = 'idle' | 'copied' | 'failed';

export interface PageReadingProps {
  reading: PageReading;
  /** Copies the scrubbed page outline; the container owns the clipboard. */
  onCopyDiagnostics: () => void;
  diagnosticsCopy: DiagnosticsCopy;
  /**
   * The background reads the class from the Classroom API (set up, signed in): the coursework
   * and grades do not wait for the Grades page.
   */
  classFromApi?: boolean;
  /** Cells where the last preview found the page and the Classroom API disagreeing. */
  disagreementCount?: number;
}

/** What the panel read from the Classroom page, and a way to report a page it cannot read. */
export function PageReadingSection({
  reading,
  onCopyDiagnostics,
  diagnosticsCopy,
  classFromApi = false,
  disagreementCount = 0,
}: PageReadingProps) {
  if (reading.state === 'reading') {
    return (
      <p role="status" data-testid="panel-reading">
        {t('panelReading')}
      </p>
    );
  }
  if (reading.state === 'failed') {
    return (
      <div data-testid="panel-reading">
        <p role="alert" className="panel__error" data-testid="panel-read-failed">
          {failureText(reading.failure)}
        </p>
        <Diagnostics onCopy={onCopyDiagnostics} copy={diagnosticsCopy} />
      </div>
    );
  }
  const { summary } = reading;
  const course = summary.section
    ? `${summary.courseName} · ${summary.section}`
    : summary.courseName;
  return (
    <div data-testid="panel-reading">
      <dl className="panel__facts">
        <dt>{t('panelClassLabel')}</dt>
        <dd data-testid="panel-course-name">{course}</dd>
        <dt>{t('panelTeacherLabel')}</dt>
        <dd data-testid="panel-teacher">{summary.teacherEmail ?? t('panelTeacherUnknown')}</dd>
        {summary.gradebookRead && (
          <>
            <dt>{t('panelCourseworkLabel')}</dt>
            <dd data-testid="panel-coursework-count">{summary.courseworkCount}</dd>
          </>
        )}
        {(summary.gradebookRead || summary.studentCount > 0) && (
          <>
            <dt>{t('panelStudentsLabel')}</dt>
            <dd data-testid="panel-student-count">
              {t('panelStudentsWithEmail', summary.studentCount, summary.studentsWithEmail)}
            </dd>
          </>
        )}
      </dl>
      {!summary.gradebookRead && !classFromApi && (
        <p className="panel__hint" data-testid="panel-open-grades">
          {t('panelOpenGrades')}
        </p>
      )}
      {summary.unreadableCount > 0 && (
        <p className="panel__warning" data-testid="panel-unreadable">
          {t('panelUnreadableCells', summary.unreadableCount)}
        </p>
      )}
      {disagreementCount > 0 && (
        <p className="panel__warning" data-testid="panel-disagreements">
          {t('panelDisagreements', disagreementCount)}
        </p>
      )}
      {(summary.unreadableCount > 0 || disagreementCount > 0) && (
        <Diagnostics onCopy={onCopyDiagnostics} copy={diagnosticsCopy} />
      )}
    </div>
  );
}

function failureText(failure: ReadFailure): string {
  switch (failure.code) {
    case 'no-grid':
      return t('panelReadNoGrid');
    case 'no-course-name':
      return t('panelReadNoCourseName');
    case 'no-students':
      return t('panelReadNoStudents');
    case 'no-grade-cells':
      return t('panelReadNoGradeCells');
    case 'invalid-snapshot':
      return t('panelReadInvalid', failure.detail ?? '');
  }
}

function Diagnostics({ onCopy, copy }: { onCopy: () => void; copy: DiagnosticsCopy }) {
  return (
    <div className="panel__diagnostics">
      <p className="panel__hint">{t('panelReadHint')}</p>
      <button type="button" className="panel__button" onClick={trusted(onCopy)}>
        {t('panelCopyDiagnostics')}
      </button>
      <p role="status" className="panel__hint" data-testid="panel-diagnostics-status">
        {copy === 'copied' && t('panelDiagnosticsCopied')}
        {copy === 'failed' && t('panelDiagnosticsFailed')}
      </p>
    </div>
  );
}
