/**
 * The fake Google's data: courses as a teacher sees them through the Classroom API. Plain records
 * the tests build (`buildFakeCourse`, `generateFakeCourse`); `present.ts` turns them into Google's
 * JSON. Ids are numeric strings, as Classroom's are.
 */

export type SubmissionState = 'NEW' | 'CREATED' | 'TURNED_IN' | 'RETURNED' | 'RECLAIMED_BY_STUDENT';
export type CourseWorkState = 'PUBLISHED' | 'DRAFT' | 'DELETED';

export interface FakeStudent {
  /** Numeric Classroom user id. */
  userId: string;
  /** Full name as Classroom shows it, e.g. "Ada Lovelace". */
  name: string;
  email: string;
  givenName?: string;
  familyName?: string;
}

export interface FakeGradeCategory {
  id: string;
  name: string;
  /** Millionths of a percent, as Google sends it (e.g. 25% = 250000). */
  weight?: number;
  defaultGradeDenominator?: number;
}

export interface FakeGradingPeriod {
  id: string;
  title: string;
  startDate: { year: number; month: number; day: number };
  endDate: { year: number; month: number; day: number };
}

export interface FakeCourseWork {
  id: string;
  title: string;
  state: CourseWorkState;
  workType: 'ASSIGNMENT' | 'SHORT_ANSWER_QUESTION' | 'MULTIPLE_CHOICE_QUESTION';
  /** Absent: ungraded. */
  maxPoints?: number;
  /** UTC, as the API gives it. */
  dueDate?: { year: number; month: number; day: number };
  dueTime?: { hours?: number; minutes?: number };
  /** Id into the course's gradeCategories. */
  gradeCategoryId?: string;
  gradingPeriodId?: string;
  /** RFC 3339; only for work scheduled to publish later. */
  scheduledTime?: string;
  creationTime: string;
  updateTime: string;
  description?: string;
  /** Assigned to these students only (assigneeMode INDIVIDUAL_STUDENTS); absent: all students. */
  assigneeUserIds?: string[];
}

export interface FakeSubmission {
  id: string;
  courseWorkId: string;
  userId: string;
  state: SubmissionState;
  late: boolean;
  draftGrade?: number;
  assignedGrade?: number;
  creationTime: string;
  updateTime: string;
}

/** What Google answers for gradingPeriodSettings when the course has no periods configured. */
export type NoGradingPeriods = 'empty' | 'not-found' | 'permission-denied';

export interface FakeCourse {
  id: string;
  name: string;
  section?: string;
  courseState: 'ACTIVE' | 'ARCHIVED' | 'PROVISIONED' | 'DECLINED' | 'SUSPENDED';
  /** Teachers' emails; absent → the fake's signed-in teacher teaches it (and owns it). */
  teachers?: string[];
  ownerEmail?: string;
  creationTime: string;
  updateTime: string;
  students: FakeStudent[];
  coursework: FakeCourseWork[];
  submissions: FakeSubmission[];
  gradeCategories: FakeGradeCategory[];
  calculationType: 'TOTAL_POINTS' | 'WEIGHTED_CATEGORIES';
  /** Absent: none configured (answered as `noGradingPeriods` says). */
  gradingPeriods?: FakeGradingPeriod[];
  noGradingPeriods: NoGradingPeriods;
}

type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

export type FakeCourseWorkInput = Optional<
  FakeCourseWork,
  'state' | 'workType' | 'creationTime' | 'updateTime'
>;
export type FakeSubmissionInput = Optional<
  FakeSubmission,
  'id' | 'state' | 'late' | 'creationTime' | 'updateTime'
>;

export interface FakeCourseInput
  extends Optional<
    Omit<FakeCourse, 'coursework' | 'submissions'>,
    | 'courseState'
    | 'creationTime'
    | 'updateTime'
    | 'students'
    | 'gradeCategories'
    | 'calculationType'
    | 'noGradingPeriods'
  > {
  coursework?: FakeCourseWorkInput[];
  submissions?: FakeSubmissionInput[];
}

const DEFAULT_TIME = '2026-08-20T08:00:00.000Z';

/** Stable numeric submission id from the coursework and user ids (Classroom's look like "Cg4I…"; any string is valid). */
export const submissionIdFor = (courseWorkId: string, userId: string) =>
  `Cg${courseWorkId}.${userId}`;

/**
 * Fills defaults and adds the placeholder submission Google keeps for every student on every
 * published coursework ("placeholder submissions exist for every assigned student",
 * developers.google.com/classroom/guides/key-concepts/grades): state CREATED, no grade.
 */
export function buildFakeCourse(input: FakeCourseInput): FakeCourse {
  if (!/^\d+$/.test(input.id)) throw new Error(`course id must be numeric, got ${input.id}`);
  const created = input.creationTime ?? DEFAULT_TIME;
  const coursework: FakeCourseWork[] = (input.coursework ?? []).map((cw) => ({
    ...cw,
    state: cw.state ?? 'PUBLISHED',
    workType: cw.workType ?? 'ASSIGNMENT',
    creationTime: cw.creationTime ?? created,
    updateTime: cw.updateTime ?? cw.creationTime ?? created,
  }));
  const students = input.students ?? [];
  const given = new Map<string, FakeSubmission>();
  for (const s of input.submissions ?? []) {
    const cw = coursework.find((c) => c.id === s.courseWorkId);
    if (!cw) throw new Error(`submission for unknown coursework ${s.courseWorkId}`);
    if (!students.some((st) => st.userId === s.userId))
      throw new Error(`submission for unknown student ${s.userId}`);
    if (cw.assigneeUserIds && !cw.assigneeUserIds.includes(s.userId))
      throw new Error(`submission for ${s.userId}, who is not assigned ${cw.id}`);
    given.set(`${s.courseWorkId}/${s.userId}`, {
      ...s,
      id: s.id ?? submissionIdFor(s.courseWorkId, s.userId),
      state: s.state ?? 'CREATED',
      late: s.late ?? false,
      creationTime: s.creationTime ?? cw.creationTime,
      updateTime: s.updateTime ?? s.creationTime ?? cw.creationTime,
    });
  }
  const submissions: FakeSubmission[] = [];
  for (const cw of coursework) {
    if (cw.state !== 'PUBLISHED') continue;
    for (const st of students) {
      if (cw.assigneeUserIds && !cw.assigneeUserIds.includes(st.userId)) continue;
      submissions.push(
        given.get(`${cw.id}/${st.userId}`) ?? {
          id: submissionIdFor(cw.id, st.userId),
          courseWorkId: cw.id,
          userId: st.userId,
          state: 'CREATED',
          late: false,
          creationTime: cw.creationTime,
          updateTime: cw.creationTime,
        },
      );
    }
  }
  return {
    ...input,
    courseState: input.courseState ?? 'ACTIVE',
    creationTime: created,
    updateTime: input.updateTime ?? created,
    students,
    coursework,
    submissions,
    gradeCategories: input.gradeCategories ?? [],
    calculationType: input.calculationType ?? 'TOTAL_POINTS',
    noGradingPeriods: input.noGradingPeriods ?? 'not-found',
  };
}

/** mulberry32: a tiny seeded PRNG so generated classes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GIVEN = ['Ada', 'Ben', 'Chloé', 'Daan', 'Emma', 'Finn', 'Gita', 'Hugo', 'Iris', 'Jonas'];
const FAMILY = ['Jansen', 'de Vries', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', "O'Brien"];

/**
 * A synthetic class of any size for end-to-end runs and the benchmark: `students` × `coursework`
 * items (graded, with categories and due dates in the school year starting `year`), every
 * submission state, drafts, late work and two grading periods. Deterministic for a seed.
 */
export function generateFakeCourse(options: {
  id: string;
  name?: string;
  students: number;
  coursework: number;
  seed?: number;
  year?: number;
  emailDomain?: string;
}): FakeCourse {
  const rnd = prng(options.seed ?? 1);
  const year = options.year ?? 2026;
  const domain = options.emailDomain ?? 'students.example.org';
  const students: FakeStudent[] = Array.from({ length: options.students }, (_, i) => {
    const givenName = GIVEN[i % GIVEN.length] ?? 'Student';
    const familyName = `${FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length] ?? 'X'}${i >= 80 ? ` ${i}` : ''}`;
    return {
      userId: String(100000000000 + i),
      name: `${givenName} ${familyName}`,
      givenName,
      familyName,
      email: `s${String(i).padStart(4, '0')}@${domain}`,
    };
  });
  const gradeCategories: FakeGradeCategory[] = [
    { id: '700000001', name: 'Homework', weight: 400000, defaultGradeDenominator: 10 },
    { id: '700000002', name: 'Quizzes', weight: 300000, defaultGradeDenominator: 20 },
    { id: '700000003', name: 'Tests', weight: 300000, defaultGradeDenominator: 100 },
  ];
  const gradingPeriods: FakeGradingPeriod[] = [
    {
      id: '800000001',
      title: 'Semester 1',
      startDate: { year, month: 8, day: 15 },
      endDate: { year: year + 1, month: 1, day: 20 },
    },
    {
      id: '800000002',
      title: 'Semester 2',
      startDate: { year: year + 1, month: 1, day: 21 },
      endDate: { year: year + 1, month: 6, day: 30 },
    },
  ];
  const coursework: FakeCourseWorkInput[] = [];
  const submissions: FakeSubmissionInput[] = [];
  for (let j = 0; j < options.coursework; j++) {
    // Spread due dates over the year, two days apart, from September 1st.
    const due = new Date(Date.UTC(year, 8, 1 + 2 * j));
    const created = new Date(due.getTime() - 7 * 86_400_000);
    const category = gradeCategories[j % gradeCategories.length];
    const maxPoints = j % 17 === 16 ? undefined : [10, 20, 50, 100][j % 4];
    const period =
      due.getTime() < Date.UTC(year + 1, 0, 21) ? gradingPeriods[0] : gradingPeriods[1];
    const id = String(500000000000 + j);
    coursework.push({
      id,
      title: `Assignment ${j + 1}`,
      ...(maxPoints !== undefined && { maxPoints }),
      dueDate: { year: due.getUTCFullYear(), month: due.getUTCMonth() + 1, day: due.getUTCDate() },
      dueTime: { hours: 22, minutes: 59 },
      ...(category && { gradeCategoryId: category.id }),
      ...(period && { gradingPeriodId: period.id }),
      creationTime: created.toISOString(),
      // Every fifth item was scheduled to appear a day after it was written.
      ...(j % 5 === 4 && { scheduledTime: new Date(created.getTime() + 86_400_000).toISOString() }),
    });
    for (const st of students) {
      const r = rnd();
      const score = maxPoints === undefined ? undefined : Math.round(rnd() * maxPoints * 2) / 2;
      if (r < 0.55 && score !== undefined)
        submissions.push({
          courseWorkId: id,
          userId: st.userId,
          state: 'RETURNED',
          assignedGrade: score,
          draftGrade: score,
        });
      else if (r < 0.65 && score !== undefined)
        submissions.push({
          courseWorkId: id,
          userId: st.userId,
          state: 'TURNED_IN',
          draftGrade: score,
        });
      else if (r < 0.75)
        submissions.push({
          courseWorkId: id,
          userId: st.userId,
          state: 'TURNED_IN',
          late: r < 0.7,
        });
      else if (r < 0.85)
        submissions.push({
          courseWorkId: id,
          userId: st.userId,
          state: 'CREATED',
          late: true,
          ...(score !== undefined && { draftGrade: 0 }),
        });
    }
  }
  return buildFakeCourse({
    id: options.id,
    name: options.name ?? `Generated class ${options.id}`,
    section: 'Period 1',
    students,
    coursework,
    submissions,
    gradeCategories,
    calculationType: 'WEIGHTED_CATEGORIES',
    gradingPeriods,
  });
}
