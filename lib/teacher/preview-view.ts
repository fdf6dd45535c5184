/**
 * The plan as the panel's preview shows it (PreviewSchema): per coursework its action, reason,
 * category and grading period by title, per student the grade to send, delete or skip; the
 * category list to choose from; and the student match report with the SIS students' names, so
 * the teacher can pick unmatched students by hand.
 */
import type { Preview } from '../messaging/replies';
import { personName } from './find-teacher';
import type { CoursePlan } from './plan-course-export';
import type { LinkedClassState } from './read-sis-state';

/** Drops undefined fields, so the reply holds exactly what the schema lists. */
const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;

export function toPreview({ plan, report }: CoursePlan, state: LinkedClassState): Preview {
  const periods = new Map(state.sis.gradingPeriods.map((p) => [p.sourcedId, p.title]));
  return {
    coursework: plan.coursework.map((cw) =>
      defined({
        courseworkId: cw.courseworkId,
        title: cw.title,
        action: cw.action,
        reason: cw.reason,
        categoryId: cw.categoryId,
        categorySource: cw.categorySource,
        gradingPeriodTitle: cw.gradingPeriodId
          ? (periods.get(cw.gradingPeriodId) ?? cw.gradingPeriodId)
          : undefined,
        dueDateDefaulted: cw.dueDateDefaulted,
        titleCut: cw.titleCut,
        grades: cw.grades.map((grade) =>
          defined({
            studentKey: grade.studentKey,
            action: grade.action,
            reason: grade.reason,
            score: grade.score,
            scoreStatus: grade.scoreStatus,
          }),
        ),
      }),
    ),
    totals: plan.totals,
    operations: plan.operations.length,
    categories: state.sis.categories.map((category) => ({
      sourcedId: category.sourcedId,
      title: category.title?.trim() || category.sourcedId,
    })),
    students: {
      matched: report.matched,
      unmatched: report.unmatched,
      sisStudents: state.students.map((student) =>
        defined({
          sourcedId: student.sourcedId,
          name: personName(student),
          email: student.email,
        }),
      ),
    },
  };
}
