import { describe, expect, it } from 'vitest';
import { scopesFor } from '@/lib/oneroster/version';
import type { ConnectionFields } from '@/lib/sis/settings-shapes';
import { authConfigFor, clientOptionsFor } from '@/lib/sis/sis-client';

const IC_12: ConnectionFields = {
  partner: 'infinite-campus',
  hostUrl: 'https://d.infinitecampus.org/campus/api/oneroster/v1p2/app/ims/oneroster/',
  authMode: 'oauth2',
  accessKey: 'client',
  tokenUrl: 'https://d.infinitecampus.org/campus/oauth2/token?appName=app',
  version: '1.2',
  gradebookUrl: 'https://gradebook.example.org/ims/oneroster/gradebook/v1p2/',
  scoreDateFormat: 'date-time',
};
const SECRETS = { secret: 's', vendorAuthorization: 'Lms:F24F' };

describe('createSisClient’s options (issue #14)', () => {
  it('passes the version, gradebook base, scoreDate format and the vendor header for the gradebook', () => {
    expect(clientOptionsFor(IC_12, SECRETS)).toEqual({
      baseUrl: IC_12.hostUrl,
      version: '1.2',
      gradebookBaseUrl: IC_12.gradebookUrl,
      scoreDateFormat: 'date-time',
      gradebookHeaders: { 'x-vendor-authorization': 'Lms:F24F' },
    });
  });

  it('sends the vendor header nowhere else: not with the authenticator', () => {
    const auth = authConfigFor(IC_12, SECRETS);
    expect(auth).not.toHaveProperty('extraHeaders');
    expect(JSON.stringify(auth)).not.toContain('Lms:F24F');
  });

  it('asks OAuth 2 for the version’s own scope URIs', () => {
    expect(authConfigFor(IC_12, SECRETS)).toMatchObject({ scopes: scopesFor('1.2') });
    expect(scopesFor('1.2')[0]).toContain('/or/v1p2/scope/');
    const legacy = { ...IC_12, version: undefined, gradebookUrl: undefined };
    expect(authConfigFor(legacy, SECRETS)).toMatchObject({ scopes: scopesFor('1.1') });
  });

  it('treats a connection saved before versions as 1.1, without 1.2-only options', () => {
    const { version: _v, ...legacy } = IC_12;
    expect(clientOptionsFor(legacy, { secret: 's' })).toEqual({
      baseUrl: IC_12.hostUrl,
      version: '1.1',
    });
  });

  it('adds no vendor header for an SIS without one', () => {
    expect(clientOptionsFor({ ...IC_12, partner: 'other' }, SECRETS)).not.toHaveProperty(
      'gradebookHeaders',
    );
  });
});
