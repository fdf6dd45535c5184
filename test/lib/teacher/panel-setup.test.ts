import { describe, expect, it } from 'vitest';
import { setupNeeded } from '@/lib/teacher/panel-setup';

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
