/** Panel data as the background would send it, for the component tests. */
import type { ExportSummaryView, Preview } from '@/lib/messaging/replies';

export const CATEGORIES = [
  { sourcedId: 'cat-hw', title: 'Homework' },
  { sourcedId: 'cat-proj', title: 'Projects' },
];

export const PREVIEW: Preview = {
  coursework: [
    {
      courseworkId: '101',
      title: 'Essay: The Water Cycle',
      action: 'create',
      categoryId: 'cat-hw',
      categorySource: 'matched',
      gradingPeriodTitle: 'Q1',
      dueDateDefaulted: true,
      titleCut: false,
      grades: [
        { studentKey: 'id:1', action: 'create', score: 85, scoreStatus: 'fully graded' },
        { studentKey: 'id:2', action: 'create', score: 0, scoreStatus: 'exempt' },
        { studentKey: 'id:3', action: 'skip', reason: 'draft' },
        { studentKey: 'id:4', action: 'skip', reason: 'unmatched' },
      ],
    },
    {
      courseworkId: '102',
      title: 'Lab report with a very long title',
      action: 'update',
      categoryId: 'cat-proj',
      categorySource: 'teacher',
      dueDateDefaulted: false,
      titleCut: true,
      grades: [
        { studentKey: 'id:1', action: 'unchanged', score: 9 },
        { studentKey: 'id:2', action: 'delete' },
      ],
    },
    {
      courseworkId: '103',
      title: 'Class poster',
      action: 'skip',
      reason: 'no-category',
      dueDateDefaulted: false,
      titleCut: false,
      grades: [{ studentKey: 'id:1', action: 'none' }],
    },
    {
      courseworkId: '104',
      title: 'Reading log',
      action: 'skip',
      reason: 'ungraded',
      dueDateDefaulted: false,
      titleCut: false,
      grades: [],
    },
  ],
  totals: {
    lineItems: { create: 1, update: 1, unchanged: 0, skip: 2 },
    results: { create: 2, update: 0, delete: 1, unchanged: 1, skip: 2, none: 1 },
  },
  operations: 5,
  categories: CATEGORIES,
  students: {
    matched: [
      { key: 'id:1', sisStudentId: 'sis-1', by: 'email' },
      { key: 'id:2', sisStudentId: 'sis-2', by: 'name' },
      { key: 'id:5', sisStudentId: 'sis-5', by: 'manual' },
    ],
    unmatched: [
      { key: 'id:3', reason: 'ambiguous', candidates: ['sis-3b', 'sis-3a'] },
      { key: 'id:4', reason: 'no-match', candidates: [] },
      { key: 'id:6', reason: 'excluded', candidates: [] },
    ],
    sisStudents: [
      { sourcedId: 'sis-1', name: 'Zoë Müller', email: 'zoe.muller@students.example' },
      { sourcedId: 'sis-2', name: 'José Álvarez' },
      { sourcedId: 'sis-3a', name: 'Sam Lee', email: 'sam.lee@students.example' },
      { sourcedId: 'sis-3b', name: 'Sam Lee', email: 'sam.lee2@students.example' },
      { sourcedId: 'sis-5', name: 'Noah Chen' },
    ],
  },
};

export const NAMES: Record<string, string> = {
  'id:1': 'Zoë Müller',
  'id:2': 'José Álvarez',
  'id:3': 'Sam Lee',
  'id:4': 'Sammy Visitor',
  'id:5': 'Noah C.',
  'id:6': 'Guest Student',
};

export const SUMMARY: ExportSummaryView = {
  exportId: 'e-1',
  state: 'completed-with-errors',
  finishedAt: '2026-03-12T10:02:00.000Z',
  created: 3,
  updated: 1,
  deleted: 1,
  unchanged: 4,
  failed: [
    {
      kind: 'put-result',
      courseworkId: '101',
      studentKey: 'id:2',
      code: 'invalid-data',
      message: 'The SIS refused the data: score out of range.',
    },
  ],
  failedCount: 3,
  pending: 0,
};
