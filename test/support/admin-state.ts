import type { AdminState } from '@/lib/messaging/replies';

/** What the options page is told on a browser where nothing is set up yet. */
export const NOT_CONNECTED: AdminState = {
  storageTrusted: true,
  connected: false,
  exportAllowed: false,
  managed: { active: false, locked: false, fields: [] },
  form: {},
  secret: 'none',
  vendorAuthorization: 'none',
  connection: null,
  needsAuthorize: false,
  hostAccessMissing: false,
  exportEnabled: true,
  allowTeacherOverride: false,
  exportDefaults: { categoryId: null, exportDrafts: false, missingWork: 'skip', titleLimit: null },
  google: { managed: false, redirectUri: '' },
};
