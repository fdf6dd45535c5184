/**
 * The preview's words: each action, skip reason and grade count said the way the teacher reads
 * it. One literal t() call per message (the locale test finds used keys by their literal).
 */
import { t } from '@/lib/i18n/t';
import type { Preview, PreviewSources } from '@/lib/messaging/replies';

export type CourseworkPreview = Preview['coursework'][number];
type GradeView = CourseworkPreview['grades'][number];

/** "Create", "Update", "Unchanged" or "Skipped: <reason>". */
export function actionText(row: CourseworkPreview): string {
  switch (row.action) {
    case 'create':
      return t('previewActionCreate');
    case 'update':
      return t('previewActionUpdate');
    case 'unchanged':
      return t('previewActionUnchanged');
    case 'skip':
      return skipText(row.reason);
  }
}

function skipText(reason: CourseworkPreview['reason']): string {
  switch (reason) {
    case 'excluded':
      return t('previewSkipExcluded');
    case 'ungraded':
      return t('previewSkipUngraded');
    case 'unreadable':
      return t('previewSkipUnreadable');
    case 'no-matched-students':
      return t('previewSkipNoStudents');
    case 'no-category':
      return t('previewSkipNoCategory');
    case 'no-school':
      return t('previewSkipNoSchool');
    case undefined:
      return t('previewSkip');
  }
}

function gradeReasonText(reason: GradeView['reason']): string {
  switch (reason) {
    case 'draft':
      return t('gradeSkipDraft');
    case 'missing':
      return t('gradeSkipMissing');
    case 'unreadable':
      return t('gradeSkipUnreadable');
    case 'unmatched':
      return t('gradeSkipUnmatched');
    case 'unconfirmed':
      return t('gradeSkipUnconfirmed');
    case undefined:
      return t('gradeSkipOther');
  }
}

/** Counts by what happens to each grade: send (create/update), delete, unchanged, skip. */
export function gradeCounts(grades: readonly GradeView[]) {
  const count = (...actions: GradeView['action'][]) =>
    grades.filter((grade) => actions.includes(grade.action)).length;
  const reasons = new Map<string, number>();
  for (const grade of grades) {
    if (grade.action !== 'skip') continue;
    const text = gradeReasonText(grade.reason);
    reasons.set(text, (reasons.get(text) ?? 0) + 1);
  }
  return {
    send: count('create', 'update'),
    delete: count('delete'),
    unchanged: count('unchanged'),
    skip: count('skip'),
    skipReasons: [...reasons].map(([text, n]) => `${text}: ${n}`).join(', '),
  };
}

/** "3 to send, 1 to delete, 2 skipped (draft: 1, student not matched: 1)". */
export function gradeCountsText(grades: readonly GradeView[]): string {
  const counts = gradeCounts(grades);
  const parts = [
    counts.send > 0 && t('previewGradesSend', counts.send),
    counts.delete > 0 && t('previewGradesDelete', counts.delete),
    counts.unchanged > 0 && t('previewGradesUnchanged', counts.unchanged),
    counts.skip > 0 && t('previewGradesSkipped', counts.skip, counts.skipReasons),
  ].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : t('previewGradesNone');
}

/** The totals line under the table. */
export function totalsText(totals: Preview['totals']): string {
  const line = (key: string) => totals.lineItems[key] ?? 0;
  const result = (key: string) => totals.results[key] ?? 0;
  return t(
    'previewTotals',
    line('create'),
    line('update'),
    line('unchanged'),
    line('skip'),
    result('create') + result('update'),
    result('delete'),
  );
}

/** Which source the class was read from, in one line. */
export function sourceText(sources: PreviewSources): string {
  if (sources.api && sources.page) return t('previewSourceBoth');
  return sources.api ? t('previewSourceApi') : t('previewSourcePage');
}
