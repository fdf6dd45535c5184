/**
 * Matches the Classroom class's students to the linked SIS class's students: the teacher's own
 * choices first, then email (case-insensitive), then normalised name. A match must be unique on
 * both sides; anything ambiguous or unmatched is reported for the teacher to pick by hand, and
 * never guessed — a grade sent to the wrong student is the worst thing this product can do.
 */

export interface ClassroomStudent {
  key: string;
  name: string;
  email?: string;
}

export interface SisStudent {
  sourcedId: string;
  givenName?: string;
  familyName?: string;
  email?: string;
}

/** The teacher's choices: a SIS student id, or null for "this student has no SIS record". */
export type ManualChoices = Readonly<Record<string, string | null>>;

export interface StudentMatch {
  key: string;
  sisStudentId: string;
  by: 'manual' | 'email' | 'name';
}

export interface UnmatchedStudent {
  key: string;
  reason: 'no-match' | 'ambiguous' | 'excluded';
  /** SIS students that fit equally well (for 'ambiguous'). */
  candidates: string[];
}

export interface MatchReport {
  matched: StudentMatch[];
  unmatched: UnmatchedStudent[];
  /** SIS students nobody was matched to (offered in the manual picker). */
  unusedSisStudentIds: string[];
}

const sisName = (s: SisStudent) => nameKey(`${s.givenName ?? ''} ${s.familyName ?? ''}`);

/** Groups items by a key, skipping null keys. */
function groupBy<T>(items: readonly T[], key: (item: T) => string | null) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

export function matchStudents(
  classroom: readonly ClassroomStudent[],
  sis: readonly SisStudent[],
  manual: ManualChoices = {},
): MatchReport {
  const sisIds = new Set(sis.map((s) => s.sourcedId));
  const taken = new Set<string>();
  const result = new Map<string, StudentMatch | UnmatchedStudent>();

  for (const student of classroom) {
    if (!Object.hasOwn(manual, student.key)) continue;
    const choice = manual[student.key];
    if (choice === null)
      result.set(student.key, { key: student.key, reason: 'excluded', candidates: [] });
    // A stored choice for a student who left the SIS class no longer counts.
    else if (choice && sisIds.has(choice) && !taken.has(choice)) {
      taken.add(choice);
      result.set(student.key, { key: student.key, sisStudentId: choice, by: 'manual' });
    }
  }

  const pass = (
    by: 'email' | 'name',
    ofClassroom: (s: ClassroomStudent) => string | null,
    ofSis: (s: SisStudent) => string | null,
  ) => {
    const open = classroom.filter((s) => !result.has(s.key));
    const available = sis.filter((s) => !taken.has(s.sourcedId));
    const sisGroups = groupBy(available, ofSis);
    const classroomGroups = groupBy(open, ofClassroom);
    for (const student of open) {
      const k = ofClassroom(student);
      const candidates = k ? (sisGroups.get(k) ?? []) : [];
      const rivals = k ? (classroomGroups.get(k) ?? []) : [];
      const [only] = candidates;
      if (candidates.length === 1 && rivals.length === 1 && only) {
        taken.add(only.sourcedId);
        result.set(student.key, { key: student.key, sisStudentId: only.sourcedId, by });
      } else if (candidates.length > 0) {
        result.set(student.key, {
          key: student.key,
          reason: 'ambiguous',
          candidates: candidates.map((c) => c.sourcedId),
        });
      }
    }
  };
  pass(
    'email',
    (s) => emailKey(s.email),
    (s) => emailKey(s.email),
  );
  // Name matching only for students email could not place, and never over an ambiguity that
  // email already found (kept in `result`).
  pass(
    'name',
    (s) => nameKey(s.name) || null,
    (s) => sisName(s) || null,
  );

  const matched: StudentMatch[] = [];
  const unmatched: UnmatchedStudent[] = [];
  for (const student of classroom) {
    const outcome = result.get(student.key) ?? {
      key: student.key,
      reason: 'no-match',
      candidates: [],
    };
    if ('sisStudentId' in outcome) matched.push(outcome);
    else unmatched.push(outcome);
  }
  return {
    matched,
    unmatched,
    unusedSisStudentIds: sis.map((s) => s.sourcedId).filter((id) => !taken.has(id)),
  };
}

/*
 * Name comparison for matching Classroom students to SIS students when emails don't match.
 * Classroom shows "Zoë Müller" or, sorted by last name, "Müller, Zoë"; a SIS has givenName and
 * familyName, maybe typed without accents or with a different apostrophe ("O’Brien"/"O'Brien").
 */
/** Order-free key of a person's name: accents, case, punctuation and spacing ignored. */
export function nameKey(name: string): string {
  const comma = name.indexOf(',');
  // "Last, First" → "First Last"; token order is ignored below, but the comma must go.
  const ordered = comma >= 0 ? `${name.slice(comma + 1)} ${name.slice(0, comma)}` : name;
  return ordered
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`ʼ.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Email key: case-insensitive, surrounding space ignored; null when absent. */
export function emailKey(email: string | undefined | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
