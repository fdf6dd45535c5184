import { useId } from 'react';
import { t } from '@/lib/i18n/t';
import type { Preview } from '@/lib/messaging/replies';
import { trusted } from './trusted';

type Students = Preview['students'];
/** The select's value for "this student has no SIS record" (no sourcedId can be empty). */
const NO_RECORD = '';
// Trimmed sourcedIds are never blank, so spaces cannot be a student's id.
const UNCHOSEN = ' ';
/** The select's value for "take my pick back, match by email and name again". */
const AUTOMATIC = '  ';

interface Row {
  key: string;
  reason: Students['unmatched'][number]['reason'] | 'manual';
  /** SIS students that fit equally well, offered first. */
  candidates: string[];
  /** The select's value: a sourcedId, NO_RECORD or UNCHOSEN. */
  value: string;
}

export interface StudentMatchingProps {
  students: Students;
  /** Classroom student key → the name the Grades page shows. */
  names: Readonly<Record<string, string>>;
  /** The student whose choice is being saved. */
  busyKey?: string;
  error?: string;
  onMatch(studentKey: string, sisStudentId: string | null): void;
  /** The teacher takes back their pick (or their "no SIS record") for a student. */
  onAutomatic(studentKey: string): void;
}

/**
 * How the class's students were matched to the SIS, and a picker for each one the extension
 * could not place (or the teacher placed by hand, so they can change their mind or hand the
 * student back to automatic matching). Grades of
 * unmatched students are never sent: a wrong guess is worse than a missing grade.
 */
export function StudentMatching({
  students,
  names,
  busyKey,
  error,
  onMatch,
  onAutomatic,
}: StudentMatchingProps) {
  const id = useId();
  const manual = students.matched.filter((match) => match.by === 'manual');
  const rows: Row[] = [
    ...students.unmatched.map((u) => ({
      ...u,
      value: u.reason === 'excluded' ? NO_RECORD : UNCHOSEN,
    })),
    ...manual.map((m) => ({
      key: m.key,
      reason: 'manual' as const,
      candidates: [],
      value: m.sisStudentId,
    })),
  ];
  const total = students.matched.length + students.unmatched.length;
  // SIS students nobody on the page was matched to or could be: a roster difference, or a
  // Grades page that did not list everyone. Their grades would silently not be exported.
  const placed = new Set([
    ...students.matched.map((m) => m.sisStudentId),
    ...students.unmatched.flatMap((u) => u.candidates),
  ]);
  const sisOnly = students.sisStudents.filter((s) => !placed.has(s.sourcedId));
  return (
    <section
      className="panel__section"
      aria-labelledby={`${id}-heading`}
      data-testid="student-matching"
    >
      <h3 id={`${id}-heading`} className="panel__heading">
        {t('studentsHeading')}
      </h3>
      <p data-testid="students-matched">{t('studentsMatched', students.matched.length, total)}</p>
      {sisOnly.length > 0 && (
        <p className="panel__note" data-testid="students-sis-only">
          {t('studentsSisOnly', sisOnly.length, nameList(sisOnly.map((s) => s.name)))}
        </p>
      )}
      {rows.length > 0 && <p className="panel__hint">{t('studentsPickHint')}</p>}
      <ul className="panel__students">
        {rows.map((row) => {
          const selectId = `${id}-${row.key}`;
          // Likely candidates first, then everyone else in the SIS class.
          const ordered = [
            ...students.sisStudents.filter((s) => row.candidates.includes(s.sourcedId)),
            ...students.sisStudents.filter((s) => !row.candidates.includes(s.sourcedId)),
          ];
          return (
            <li key={row.key} data-testid="student-row" data-student-key={row.key}>
              <label className="panel__label" htmlFor={selectId}>
                {names[row.key] ?? row.key}{' '}
                <span className="panel__note">{reasonText(row.reason)}</span>
              </label>
              <select
                id={selectId}
                className="panel__select"
                value={row.value}
                disabled={busyKey === row.key}
                aria-busy={busyKey === row.key || undefined}
                onChange={trusted((event) => {
                  const value = event.target.value;
                  if (value === AUTOMATIC) onAutomatic(row.key);
                  else if (value !== UNCHOSEN) onMatch(row.key, value === NO_RECORD ? null : value);
                })}
              >
                <option value={UNCHOSEN} disabled>
                  {t('studentsChoose')}
                </option>
                {/* Only the teacher's own choices can be handed back. */}
                {(row.reason === 'manual' || row.reason === 'excluded') && (
                  <option value={AUTOMATIC}>{t('studentsAutomatic')}</option>
                )}
                <option value={NO_RECORD}>{t('studentsNoRecord')}</option>
                {ordered.map((s) => (
                  <option key={s.sourcedId} value={s.sourcedId}>
                    {s.email ? `${s.name} (${s.email})` : s.name}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      {error && (
        <p role="alert" className="panel__error">
          {error}
        </p>
      )}
    </section>
  );
}

function reasonText(reason: Row['reason']): string {
  switch (reason) {
    case 'no-match':
      return t('studentsNoMatch');
    case 'ambiguous':
      return t('studentsAmbiguous');
    case 'excluded':
      return t('studentsExcluded');
    case 'manual':
      return t('studentsManual');
  }
}

/** Up to eight names, then "and N more": enough to recognise who is missing. */
function nameList(names: string[]): string {
  const shown = names.slice(0, 8).join(', ');
  return names.length > 8 ? `${shown} ${t('studentsSisOnlyMore', names.length - 8)}` : shown;
}
