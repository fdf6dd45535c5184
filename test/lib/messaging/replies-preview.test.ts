/** The preview reply's schema: the data-source notices and the 'unconfirmed' grade (issue #13). */
import { describe, expect, it } from 'vitest';
import { PreviewSchema } from '@/lib/messaging/replies';
import { PREVIEW } from '../../components/panel/fixtures';

const SOURCES = {
  api: true,
  page: false,
  unconfirmed: [
    { courseworkId: '101', studentKey: 'id:2', courseworkTitle: 'Essay', studentName: 'Bob' },
  ],
  rendered: { students: 32, of: 40 },
  disagreements: [
    {
      courseworkId: '101',
      studentKey: 'id:1',
      courseworkTitle: 'Essay',
      studentName: 'Ann',
      page: '9/10',
      api: 'returned 8',
    },
  ],
};

const withGrade = (reason: string) => ({
  ...PREVIEW,
  coursework: PREVIEW.coursework.map((row) => ({
    ...row,
    grades: [{ studentKey: 'id:2', action: 'skip', reason }],
  })),
});

describe('PreviewSchema', () => {
  it('carries the data sources, and still accepts a preview without them', () => {
    expect(PreviewSchema.parse({ ...PREVIEW, sources: SOURCES }).sources).toEqual(SOURCES);
    expect(PreviewSchema.safeParse(PREVIEW).success).toBe(true);
  });

  it('refuses sources without their lists, or with a negative count', () => {
    const { unconfirmed: _, ...noList } = SOURCES;
    expect(PreviewSchema.safeParse({ ...PREVIEW, sources: noList }).success).toBe(false);
    const negative = { ...SOURCES, rendered: { students: -1, of: 40 } };
    expect(PreviewSchema.safeParse({ ...PREVIEW, sources: negative }).success).toBe(false);
  });

  it('knows the unconfirmed grade reason, and no made-up one', () => {
    expect(PreviewSchema.safeParse(withGrade('unconfirmed')).success).toBe(true);
    expect(PreviewSchema.safeParse(withGrade('maybe')).success).toBe(false);
  });
});
