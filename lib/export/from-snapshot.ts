/**
 * Turns a page snapshot (lib/classroom/model) into the planner's normalised input. Kept apart
 * from both, so the planner never learns about Classroom's cell vocabulary and the readers never
 * learn about export rules.
 */
import type { CourseSnapshot, DueDate, Grade } from '../classroom/model';
import type { PlanCoursework, PlanGrade } from './plan-types';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Classroom leaves the year out of due dates in the current year ("Due 3 Oct"). Pick the year
 * that puts the date nearest to the export time, so a December export of a "Due 10 Jan" item
 * lands in January of the next year.
 */
export function dueDateToIso(due: DueDate, now: Date): string {
  const nowYear = now.getUTCFullYear();
  const candidates = due.year !== undefined ? [due.year] : [nowYear - 1, nowYear, nowYear + 1];
  const distance = (year: number) =>
    Math.abs(Date.UTC(year, due.month - 1, due.day) - now.getTime());
  const year = candidates.reduce((best, y) => (distance(y) < distance(best) ? y : best));
  return `${year}-${pad(due.month)}-${pad(due.day)}`;
}

export function courseworkForPlan(snapshot: CourseSnapshot, now: Date): PlanCoursework[] {
  return snapshot.coursework.map((item) => ({
    id: item.id,
    title: item.title,
    maxPoints: item.maxPoints,
    ...(item.dueDate ? { dueDate: dueDateToIso(item.dueDate, now) } : {}),
    ...(item.category ? { categoryTitle: item.category } : {}),
  }));
}

function gradeForPlan(grade: Grade): PlanGrade {
  const base = { courseworkId: grade.courseworkId, studentKey: grade.studentKey };
  return {
    ...base,
    score: grade.score ?? null,
    draft: grade.draft,
    missing: grade.state === 'missing',
    excused: grade.state === 'excused',
    unreadable: grade.state === 'unreadable',
  };
}

export function gradesForPlan(snapshot: CourseSnapshot): PlanGrade[] {
  return snapshot.grades.map(gradeForPlan);
}
