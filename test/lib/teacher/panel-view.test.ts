/** What the panel is told: access, link, running or resumable export, history. */
import { describe, expect, it } from 'vitest';
import type { ClassLink } from '@/lib/settings/class-links';
import { buildPanelState, setupNeeded } from '@/lib/teacher/panel-view';

const LINK: ClassLink = {
  sisClassId: 'c-1',
  title: 'English 10 - Period 2',
  classCode: 'ENG10-P2',
  termIds: ['t-1'],
  termTitles: ['Fall 2025'],
  teacherSourcedId: 'teacher-1',
  teacherEmail: 'teacher@example.org',
  linkedAt: '2026-01-01T00:00:00.000Z',
  studentMatches: { 'id:1': 's-1' },
};
const EMPTY = { summaries: [], lastExported: {}, previousResults: {} };
const PROGRESS = {
  phase: 'grades',
  done: 3,
  total: 9,
  failed: 0,
  retrying: 1,
  concurrency: 4,
} as const;

const base = {
  connected: true,
  exportAllowed: true,
  link: LINK,
  running: false,
  progress: undefined,
  journalState: undefined,
  resumePending: false,
  history: EMPTY,
};

describe('buildPanelState', () => {
  it('shows the link without the ids the panel does not need', () => {
    const state = buildPanelState(base);
    expect(state.link).toEqual({
      sisClassId: 'c-1',
      title: 'English 10 - Period 2',
      classCode: 'ENG10-P2',
      termTitles: ['Fall 2025'],
      teacherEmail: 'teacher@example.org',
      linkedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it.each([
    [
      'running here',
      { running: true, journalState: 'running' },
      { running: true, resumable: false, resuming: false, progress: PROGRESS },
    ],
    [
      'left running by a stopped worker, while this worker is deciding to resume it',
      { journalState: 'running', resumePending: true },
      { running: false, resumable: true, resuming: true },
    ],
    [
      'left running by a stopped worker and resumed here',
      { running: true, journalState: 'running', resumePending: false },
      { running: true, resumable: false, resuming: false, progress: PROGRESS },
    ],
    [
      'left running by a stopped worker that this worker did not resume (not allowed, relinked)',
      { journalState: 'running', resumePending: false },
      { running: false, resumable: true, resuming: false },
    ],
    [
      'stopped, while this worker is still deciding what to resume',
      { journalState: 'stopped', resumePending: true },
      { running: false, resumable: true, resuming: false },
    ],
    [
      'stopped (credentials)',
      { journalState: 'stopped' },
      { running: false, resumable: true, resuming: false },
    ],
    [
      'cancelled',
      { journalState: 'cancelled' },
      { running: false, resumable: true, resuming: false },
    ],
    [
      'completed',
      { journalState: 'completed' },
      { running: false, resumable: false, resuming: false },
    ],
    ['never exported', {}, { running: false, resumable: false, resuming: false }],
  ] as const)('reports an export %s', (_name, input, expected) => {
    expect(buildPanelState({ ...base, progress: PROGRESS, ...input }).export).toEqual(expected);
  });
});

const OAUTH2_POLICY = {
  partner: 'aeries',
  hostUrl: 'https://sis.example.org/ims/oneroster/v1p1',
  authMode: 'oauth2',
  accessKey: 'client-id',
  tokenUrl: 'https://sis.example.org/token',
} as const;

const settings = (overrides: Partial<Parameters<typeof setupNeeded>[0]> = {}) => ({
  connected: false,
  managed: { active: true, locked: false, fields: [] },
  policyConnection: OAUTH2_POLICY,
  secret: 'from-policy',
  ...overrides,
});

describe('what this browser must still do', () => {
  it('authorize a connection the policy sets completely', () => {
    expect(setupNeeded(settings(), undefined)).toBe('authorize');
    const v1p2 = {
      ...OAUTH2_POLICY,
      partner: 'other',
      version: '1.2',
      hostUrl: 'https://sis.example.org/ims/oneroster',
    } as const;
    expect(setupNeeded(settings({ policyConnection: v1p2 }), undefined)).toBe('authorize');
  });

  it.each([
    ['without a secret code', settings({ secret: undefined })],
    [
      'without the token URL OAuth 2 needs',
      settings({ policyConnection: { ...OAUTH2_POLICY, tokenUrl: undefined } }),
    ],
    [
      'without the access key',
      settings({ policyConnection: { ...OAUTH2_POLICY, accessKey: undefined } }),
    ],
    [
      'with an http Host URL',
      settings({ policyConnection: { ...OAUTH2_POLICY, hostUrl: 'http://sis.example.org/x' } }),
    ],
    [
      'with OneRoster 1.2 and OAuth 1.0a (1.2 is OAuth 2 only)',
      settings({
        policyConnection: {
          ...OAUTH2_POLICY,
          partner: 'other',
          version: '1.2',
          authMode: 'oauth1',
          tokenUrl: undefined,
        },
      }),
    ],
    [
      'with no policy at all',
      settings({ managed: { active: false, locked: false, fields: [] }, policyConnection: {} }),
    ],
  ])(
    'nothing the teacher can do for a policy connection %s (an administrator must)',
    (_name, given) => {
      expect(setupNeeded(given, undefined)).toBeUndefined();
    },
  );

  it('allow access again when connected but the browser took the SIS origin back', () => {
    expect(setupNeeded(settings({ connected: true }), false)).toBe('host-access');
    expect(setupNeeded(settings({ connected: true }), true)).toBeUndefined();
  });
});
