/**
 * What the export planner reads and what it returns. The planner's input is normalised here
 * (not Classroom markup, not raw storage) so the planner stays a pure, table-testable function.
 * Its output, the operations, is also the engine's input.
 */
import type {
  AcademicSession,
  Category,
  LineItem,
  LineItemToPut,
  RefToSend,
  Result,
  ResultToPut,
  ScoreStatus,
} from '../oneroster/schemas';

/**
 * What the connection's wire format can carry (lib/export/capabilities.ts derives it from the
 * OneRoster version): the plan asks these, never the version itself.
 */
export interface WireCapabilities {
  /** A result may leave out its score: submitted work not graded yet (1.2). */
  scorelessResults: boolean;
  /** Results carry `late` / `missing` flags (1.2). */
  resultFlags: boolean;
  /** Every line item must name the class's school (1.2). */
  schoolRef: boolean;
  /** Every line item must name a category: the 1.2 LineItemDType requires one. */
  categoryRef: boolean;
}

/** One Classroom coursework item, as read from the page or the Classroom API. */
export interface PlanCoursework {
  id: string;
  title: string;
  /** null: ungraded coursework (no points), which is never exported. */
  maxPoints: number | null;
  /** ISO date or date-time, when Classroom shows one (with the API's due time: the exact instant). */
  dueDate?: string;
  /** When it was assigned (API `scheduledTime ?? creationTime`), ISO date-time. */
  assignedAt?: string;
  /** Classroom grade category title: the API category's name, else what the page shows. */
  categoryTitle?: string;
  /** The Classroom grading period (API) the coursework is in, matched to the SIS's by title or dates. */
  gradingPeriod?: ClassroomGradingPeriod;
  /** The column itself could not be read reliably. */
  unreadable?: boolean;
}

/** A Classroom grading period: its title and (UTC, inclusive) ISO dates when known. */
export interface ClassroomGradingPeriod {
  title: string;
  startDate?: string;
  endDate?: string;
}

/** One grade cell: a score (returned or draft) and what Classroom says about the work. */
export interface PlanGrade {
  courseworkId: string;
  studentKey: string;
  score: number | null;
  draft: boolean;
  missing: boolean;
  excused: boolean;
  unreadable: boolean;
  /** Turned in (or done) after the due date. Absent: not late. */
  late?: boolean;
  /** Turned in, no grade yet. Absent: not turned in. */
  turnedIn?: boolean;
  /**
   * The cell comes from the Classroom API alone: its "no grade" may be Excused on the page (the
   * API has no Excused), so it never deletes a grade exported before.
   */
  unconfirmed?: boolean;
}

/** The admin's export rules (options page) plus the partner's title limit. */
export interface ExportRules {
  exportDrafts: boolean;
  missing: 'skip' | 'zero';
  titleLimit: number | null;
  defaultCategoryId: string | null;
  /**
   * Every line item needs a real SIS category (lib/sis/partners.ts realCategoryRequired: IC 1.2),
   * never the IC placeholder; coursework without one is skipped as 'no-category'. Absent: false.
   */
  categoryRequired?: boolean;
}

/** What the teacher chose in the preview. */
export interface TeacherChoices {
  excludedCoursework: readonly string[];
  /** courseworkId → SIS category sourcedId. */
  categories: Readonly<Record<string, string>>;
}

/**
 * A result as the planner reads it: 1.1's (always a score) or 1.2's (score optional, boolean
 * `late` / `missing` as the client parses them).
 */
export type SisResult = Pick<Result, 'sourcedId' | 'lineItem' | 'student' | 'scoreStatus'> & {
  status?: string;
  score?: number;
  late?: boolean;
  missing?: boolean;
};

/** A line item as the planner reads it; 1.2 servers echo the `school` it was written with. */
export type SisLineItem = LineItem & { school?: RefToSend };

/** The SIS as read right before planning. */
export interface SisState {
  lineItems: readonly SisLineItem[];
  /** undefined when the SIS cannot list results: `previousResults` is used instead. */
  results?: readonly SisResult[];
  categories: readonly Category[];
  gradingPeriods: readonly AcademicSession[];
  /** The linked class's school (rostering `class.school`), read when line items need it. */
  schoolId?: string;
}

/**
 * What one result holds: what a put-result writes (the journal), what the export history keeps
 * as last written, and what the SIS lists now. `S` narrows the status where only the five
 * OneRoster values can occur (our own writes).
 */
export interface WrittenResult<S extends string = string> {
  /** Absent: submitted work without a grade yet (1.2). */
  score?: number;
  scoreStatus: S;
  late?: boolean;
  missing?: boolean;
}

/** The written part of a result (a payload or a listed one), with only its defined fields. */
export function writtenOf<S extends string>(result: WrittenResult<S>): WrittenResult<S> {
  return {
    ...(result.score === undefined ? {} : { score: result.score }),
    scoreStatus: result.scoreStatus,
    ...(result.late ? { late: true } : {}),
    ...(result.missing ? { missing: true } : {}),
  };
}

export interface PlanInput {
  classroomCourseId: string;
  sisClassId: string;
  coursework: readonly PlanCoursework[];
  grades: readonly PlanGrade[];
  /** Classroom student key → SIS student sourcedId, for matched students only. */
  matches: ReadonlyMap<string, string>;
  rules: ExportRules;
  choices: TeacherChoices;
  sis: SisState;
  /** What earlier exports wrote, by result id (from the export history). */
  previousResults?: Readonly<Record<string, WrittenResult>>;
  /** Export time, ISO date-time; also every result's `scoreDate` (the codec formats it). */
  now: string;
  /** What the connection's wire format carries. Absent: OneRoster 1.1's. */
  capabilities?: WireCapabilities;
}

export type CourseworkSkipReason =
  | 'excluded'
  | 'ungraded'
  | 'unreadable'
  | 'no-matched-students'
  | 'no-category'
  /** The version needs the class's school on every line item and the SIS class names none. */
  | 'no-school';

/** `unconfirmed`: exported before, no grade in the API now, and no page to say it is not Excused. */
export type GradeSkipReason = 'draft' | 'missing' | 'unreadable' | 'unmatched' | 'unconfirmed';

export interface GradePlan {
  studentKey: string;
  sisStudentId?: string;
  resultId?: string;
  action: 'create' | 'update' | 'delete' | 'unchanged' | 'skip' | 'none';
  reason?: GradeSkipReason;
  score?: number;
  scoreStatus?: ScoreStatus;
  late?: boolean;
  missing?: boolean;
  /** The SIS already held this student's result under another sourcedId, which is written instead. */
  adopted?: boolean;
}

export interface CourseworkPlan {
  courseworkId: string;
  title: string;
  lineItemId: string;
  action: 'create' | 'update' | 'unchanged' | 'skip';
  reason?: CourseworkSkipReason;
  categoryId?: string;
  categorySource?: 'teacher' | 'matched' | 'default' | 'existing';
  gradingPeriodId?: string;
  /** No due date on the page: the export time (or the SIS's existing date) is used. */
  dueDateDefaulted: boolean;
  /** The title was cut to the SIS's limit (the full title goes in the description). */
  titleCut: boolean;
  grades: GradePlan[];
}

export interface PlanTotals {
  lineItems: Record<CourseworkPlan['action'], number>;
  results: Record<GradePlan['action'], number>;
}

export interface Plan {
  coursework: CourseworkPlan[];
  /** Every write, line items first. */
  operations: Operation[];
  totals: PlanTotals;
}

/*
 * The writes an export sends, as the planner produces them and the engine executes them.
 * Every id is deterministic (plan.ts), so executing an operation twice — a retry, a resumed
 * export after the service worker was stopped — updates the same SIS resource, never a new one.
 */
export type Operation =
  | {
      kind: 'put-line-item';
      /** The line item's sourcedId. */
      id: string;
      courseworkId: string;
      lineItem: LineItemToPut;
    }
  | {
      kind: 'put-result';
      /** The result's sourcedId. */
      id: string;
      courseworkId: string;
      studentKey: string;
      lineItemId: string;
      result: ResultToPut;
    }
  | {
      kind: 'delete-result';
      /** The result's sourcedId. */
      id: string;
      courseworkId: string;
      studentKey: string;
      lineItemId: string;
    };

export type OperationKind = Operation['kind'];

/** Line items first: a result may only be written once its line item exists in the SIS. */
export const PHASE_OF: Record<OperationKind, 'line-items' | 'grades'> = {
  'put-line-item': 'line-items',
  'put-result': 'grades',
  'delete-result': 'grades',
};
