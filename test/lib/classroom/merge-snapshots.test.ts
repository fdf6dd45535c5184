// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mergeSnapshots } from '@/lib/classroom/merge-snapshots';
import { type CourseSnapshot, CourseSnapshotSchema } from '@/lib/classroom/model';
import { readCourseSnapshot } from '@/lib/classroom/read-snapshot';
import { summarizeSnapshot } from '@/lib/classroom/summarize';
import { STUDENT_ROWS } from './expected-snapshots';
import { type FixtureName, loadFixture } from './fixtures';

function read(name: FixtureName): CourseSnapshot {
  const { doc, page } = loadFixture(name);
  const result = readCourseSnapshot(doc, page, new Date('2026-11-28T10:00:00Z'));
  if (!result.ok) throw new Error(result.failure.code);
  return result.snapshot;
}

describe('mergeSnapshots', () => {
  const grades = read('grades-en');
  const people = read('people-en');

  it.each([
    ['Grades then People', grades, people],
    ['People then Grades', people, grades],
  ])('%s: coursework and grades from one, emails from the other', (_, first, second) => {
    const merged = mergeSnapshots(first, second);
    expect(merged.coverage).toEqual({ gradebook: true, roster: true });
    expect(merged.coursework).toEqual(grades.coursework);
    expect(merged.grades).toEqual(grades.grades);
    expect(merged.students).toEqual(STUDENT_ROWS);
    expect(CourseSnapshotSchema.safeParse(merged).success).toBe(true);
  });

  it('lets a newer Grades read replace the older one', () => {
    const newer = { ...grades, coursework: grades.coursework.slice(0, 1), grades: [] };
    expect(mergeSnapshots(grades, newer).coursework).toHaveLength(1);
  });

  it('keeps roster-only students after the gradebook ones', () => {
    const extra = { key: 'id:9', name: 'New Student', email: 'new@students.school.example' };
    const roster = { ...people, students: [...people.students, extra] };
    expect(mergeSnapshots(grades, roster).students.at(-1)).toEqual(extra);
  });

  it('does not mix two classes', () => {
    expect(mergeSnapshots(read('grades-nl'), people)).toBe(people);
  });
});

describe('summarizeSnapshot', () => {
  it('counts what the panel shows', () => {
    expect(summarizeSnapshot(mergeSnapshots(read('grades-en'), read('people-en')))).toEqual({
      courseName: 'Biology 101',
      section: 'Period 3',
      teacherEmail: 'alex.rivera@school.example',
      gradebookRead: true,
      courseworkCount: 8,
      studentCount: 8,
      studentsWithEmail: 7,
      unreadableCount: 1,
    });
  });
});
