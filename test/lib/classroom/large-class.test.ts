// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { detectPage } from '@/lib/classroom/page';
import { type ClassPageInfo, readCourseSnapshot } from '@/lib/classroom/read-snapshot';
import { summarizeSnapshot } from '@/lib/classroom/summarize';
import { buildLargeGradesPage, type LargeClassOptions } from '../../fixtures/classroom/large-class';
import { parseHtml } from './fixtures';

function readLarge(options: LargeClassOptions) {
  const page = buildLargeGradesPage(options);
  const result = readCourseSnapshot(parseHtml(page.html), detectPage(page.url) as ClassPageInfo);
  if (!result.ok) throw new Error(result.failure.code);
  return { page, snapshot: result.snapshot };
}

describe('the generated large class', () => {
  it('is deterministic', () => {
    expect(buildLargeGradesPage({ students: 5, coursework: 5 }).html).toBe(
      buildLargeGradesPage({ students: 5, coursework: 5 }).html,
    );
  });

  it('reads cell by cell as generated (12 × 10)', () => {
    const { snapshot } = readLarge({ students: 12, coursework: 10 });
    const states = snapshot.grades.slice(0, 10).map((grade) => grade.state);
    // Row 0 starts with the unreadable marker (cell 0), then the vocabulary cycle.
    expect(states).toEqual([
      'unreadable',
      'draft',
      'missing',
      'excused',
      'turned-in',
      'turned-in',
      'assigned',
      'returned',
      'empty',
      'returned',
    ]);
    expect(snapshot.grades.find((grade) => grade.score === 104)?.state).toBe('returned');
    expect(snapshot.coursework[0]).toMatchObject({ maxPoints: 100, category: 'Homework' });
    expect(snapshot.students[1]?.name).toBe('Siobhán de Vries');
  });

  it('reads all 200 students × 100 coursework, none of the stale view', () => {
    const { page, snapshot } = readLarge({});
    const summary = summarizeSnapshot(snapshot);
    expect(summary).toMatchObject({
      courseName: 'Chemistry – large class',
      section: 'All periods',
      teacherEmail: 'robin.bakker@school.example',
      courseworkCount: page.expected.coursework,
      studentCount: page.expected.students,
      unreadableCount: page.expected.unreadable,
    });
    expect(snapshot.grades).toHaveLength(page.expected.grades);
    expect(page.expected).toEqual({
      students: 200,
      coursework: 100,
      grades: 20000,
      unreadable: 207,
    });
    expect(snapshot.coursework.map((item) => item.title)).not.toContain('Stale column');
  }, 60_000);
});
