/**
 * The connection form's values and how they change, apart from React so the rules are
 * unit-tested: a partner switch keeps the sign-in method and OneRoster version only if the new
 * SIS offers them, a pasted Host URL suggests the version (and Infinite Campus's token URL), 1.2
 * signs in with OAuth 2 only, and the Skyward Application URL fills in the Host URL (which stays
 * editable).
 */
import { t } from '../i18n/t';
import type { AdminState } from '../messaging/replies';
import {
  type OneRosterVersion,
  type ScoreDateFormat,
  type ServiceBases,
  serviceBases,
  suggestVersion,
} from '../oneroster/version';
import type { ConnectionDraft, DraftContext } from './connection-draft';
import {
  bindingChanges,
  checkHostUrl,
  describeBindingChange,
  type KeptSecret,
  keptSecret,
  type SecretBinding,
} from './connection-draft';
import { suggestTokenUrl } from './partner-help';
import { type AuthMode, authModeFor, type PartnerId, partnerProfile } from './partners';
import {
  connectionVersion,
  type ExportDefaults,
  MAX_TITLE_LIMIT,
  type ManagedField,
  type SecretState,
  type SignatureMethod,
} from './settings-shapes';

export interface ConnectionFormValues {
  /** Empty until the admin picks an SIS. */
  partner: PartnerId | '';
  /** Skyward only; never sent, it just composes the Host URL. */
  applicationUrl: string;
  hostUrl: string;
  authMode: AuthMode;
  accessKey: string;
  /** Undefined keeps the secret code saved here or set by policy. */
  secret: string | undefined;
  tokenUrl: string;
  /** Undefined keeps the saved one; empty (when replacing) removes it. */
  vendorAuthorization: string | undefined;
  signatureMethod: SignatureMethod;
  version: OneRosterVersion;
  /** The version was picked from the Host URL (the page says so), not by the admin. */
  versionSuggested: boolean;
  /** 1.2 only: the gradebook base override; '' uses the base derived from the Host URL. */
  gradebookUrl: string;
  /** 1.2 only. */
  scoreDateFormat: ScoreDateFormat;
}

const initialSecret = (state: SecretState) => (state === 'none' ? '' : undefined);

export function initialFormValues(state: AdminState): ConnectionFormValues {
  const { form } = state;
  const partner = form.partner ?? '';
  return {
    partner,
    applicationUrl: '',
    hostUrl: form.hostUrl ?? '',
    authMode: partner ? authModeFor(partner, form.authMode) : (form.authMode ?? 'oauth2'),
    accessKey: form.accessKey ?? '',
    secret: initialSecret(state.secret),
    tokenUrl: form.tokenUrl ?? '',
    vendorAuthorization: initialSecret(state.vendorAuthorization),
    signatureMethod: form.signatureMethod ?? 'HMAC-SHA256',
    version: connectionVersion(form),
    versionSuggested: false,
    gradebookUrl: form.gradebookUrl ?? '',
    scoreDateFormat: form.scoreDateFormat ?? 'date',
  };
}

/** `managed`: fields the policy sets, which no suggestion may change (the page shows them read-only). */
export function applyFormChange(
  values: ConnectionFormValues,
  patch: Partial<ConnectionFormValues>,
  managed: readonly ManagedField[] = [],
): ConnectionFormValues {
  const next = { ...values, ...patch };
  if (patch.applicationUrl !== undefined) {
    next.hostUrl = composeSkywardApiUrl(patch.applicationUrl) ?? next.hostUrl;
  }
  if (next.partner === '') return next;
  if (patch.partner) next.authMode = authModeFor(patch.partner, next.authMode);
  // A version the policy sets is never changed here; the other rules still apply.
  if (!managed.includes('oneRosterVersion')) chooseVersion(next, values, patch);
  if (next.version === '1.2' && !managed.includes('authMode')) next.authMode = 'oauth2';
  // Infinite Campus's token URL follows from its Base URL: filled in while the field is empty
  // or still holds the previous suggestion, never over what the admin typed.
  if (patch.tokenUrl === undefined && !managed.includes('tokenUrl')) {
    const before = suggestTokenUrl(values.partner, values.hostUrl);
    const after = suggestTokenUrl(next.partner, next.hostUrl);
    if (after && (next.tokenUrl.trim() === '' || next.tokenUrl === before)) next.tokenUrl = after;
  }
  return next;
}

/** The version a partner change or a pasted Host URL leads to (changes `next` in place). */
function chooseVersion(
  next: ConnectionFormValues,
  values: ConnectionFormValues,
  patch: Partial<ConnectionFormValues>,
): void {
  if (next.partner === '') return;
  const offered = partnerProfile(next.partner).versions;
  if (patch.version !== undefined) next.versionSuggested = false;
  // A new connection starts at the SIS's first version; a switch keeps one it offers.
  if (patch.partner && (values.partner === '' || !offered.includes(next.version))) {
    next.version = offered[0];
    next.versionSuggested = false;
  }
  // A Host URL that says its version picks it, unless the admin chose after that URL said so.
  const suggested = suggestVersion(next.hostUrl);
  const newSuggestion =
    suggested !== undefined &&
    (suggested !== suggestVersion(values.hostUrl) || patch.partner !== undefined);
  if (newSuggestion && patch.version === undefined && offered.includes(suggested)) {
    next.version = suggested;
    next.versionSuggested = true;
  }
}

/** The two 1.2 service bases the form's values lead to; undefined for 1.1 or an unusable URL. */
export function formServiceBases(values: ConnectionFormValues): ServiceBases | undefined {
  if (values.version !== '1.2' || !checkHostUrl(values.hostUrl).ok) return undefined;
  const override = values.gradebookUrl.trim();
  if (override !== '' && !checkHostUrl(override).ok) return undefined;
  return serviceBases('1.2', values.hostUrl.trim(), override || undefined);
}

/** The gradebook override the form sends: 1.2 only, absent when empty. */
const gradebookOverride = (values: ConnectionFormValues) =>
  values.version === '1.2' && values.gradebookUrl.trim() !== '' ? values.gradebookUrl : undefined;

/** What Authorize sends; undefined until an SIS is picked. */
export function toDraft(values: ConnectionFormValues): ConnectionDraft | undefined {
  if (values.partner === '') return undefined;
  return {
    partner: values.partner,
    hostUrl: values.hostUrl,
    authMode: values.authMode,
    accessKey: values.accessKey,
    ...(values.authMode === 'oauth2'
      ? { tokenUrl: values.tokenUrl }
      : { signatureMethod: values.signatureMethod }),
    version: values.version,
    ...(values.version === '1.2'
      ? {
          scoreDateFormat: values.scoreDateFormat,
          ...(gradebookOverride(values) === undefined ? {} : { gradebookUrl: values.gradebookUrl }),
        }
      : {}),
    ...(values.secret === undefined ? {} : { secret: values.secret }),
    // Only SISs with a vendor header have the field; elsewhere a saved value is left alone.
    ...(values.vendorAuthorization === undefined ||
    !partnerProfile(values.partner).vendorAuthorizationHeader
      ? {}
      : { vendorAuthorization: values.vendorAuthorization }),
  };
}

/** The secrets Authorize may keep, bound as the background binds them (connection-draft.ts). */
export function keptSecretsOf(state: AdminState): NonNullable<DraftContext['kept']> {
  const policy: SecretBinding = {};
  for (const field of ['hostUrl', 'tokenUrl', 'gradebookUrl', 'accessKey', 'authMode'] as const) {
    if (state.managed.fields.includes(field)) Object.assign(policy, { [field]: state.form[field] });
  }
  return {
    secret: keptSecret(state.secret, state.connection, policy),
    vendorAuthorization: keptSecret(state.vendorAuthorization, state.connection, policy),
  };
}

/**
 * Why a kept secret must be typed again with these values, per field (absent: it may be kept):
 * the page turns "••••• saved" into an empty field with this hint as soon as the admin edits
 * the Host URL, Token URL, access key or sign-in method.
 */
export function secretsToRetype(
  values: ConnectionFormValues,
  state: AdminState,
): { secret?: string; vendorAuthorization?: string } {
  if (values.partner === '') return {};
  const kept = keptSecretsOf(state);
  const draft = {
    hostUrl: values.hostUrl,
    tokenUrl: values.tokenUrl,
    gradebookUrl: gradebookOverride(values),
    accessKey: values.accessKey,
    authMode: authModeFor(values.partner, values.authMode),
  };
  const hint = (kind: 'secret' | 'vendorAuthorization', secret: KeptSecret | undefined) => {
    const changes = secret ? bindingChanges(secret.boundTo, draft) : [];
    return secret && changes.length > 0 ? describeBindingChange(kind, secret, changes) : undefined;
  };
  const secret = hint('secret', kept.secret);
  const vendorAuthorization = partnerProfile(values.partner).vendorAuthorizationHeader
    ? hint('vendorAuthorization', kept.vendorAuthorization)
    : undefined;
  return {
    ...(secret ? { secret } : {}),
    ...(vendorAuthorization ? { vendorAuthorization } : {}),
  };
}

/* The export rules as the options page edits them (text inputs) and back. */
export interface ExportDefaultsFormValues {
  /** '' for "none". */
  categoryId: string;
  exportDrafts: boolean;
  missingWork: 'skip' | 'zero';
  /** '' for "no limit". */
  titleLimit: string;
}

export function toExportDefaultsForm(defaults: ExportDefaults): ExportDefaultsFormValues {
  return {
    categoryId: defaults.categoryId ?? '',
    exportDrafts: defaults.exportDrafts,
    missingWork: defaults.missingWork,
    titleLimit: defaults.titleLimit == null ? '' : String(defaults.titleLimit),
  };
}

export type ExportDefaultsCheck =
  | { ok: true; value: ExportDefaults }
  | { ok: false; errors: { titleLimit: string } };

export function checkExportDefaultsForm(values: ExportDefaultsFormValues): ExportDefaultsCheck {
  const text = values.titleLimit.trim();
  const limit = text === '' ? null : Number(text);
  if (limit !== null && (!/^\d+$/.test(text) || limit < 1 || limit > MAX_TITLE_LIMIT)) {
    return { ok: false, errors: { titleLimit: t('titleLimitInvalid', MAX_TITLE_LIMIT) } };
  }
  return {
    ok: true,
    value: {
      categoryId: values.categoryId === '' ? null : values.categoryId,
      exportDrafts: values.exportDrafts,
      missingWork: values.missingWork,
      titleLimit: limit,
    },
  };
}

/*
 * Skyward shows a district's "Application URL" (Product Setup → District Setup → Configuration →
 * API Configuration); its OneRoster API lives at that URL + `/api/ims/oneroster/v1p1/` (Google's
 * admin article: https://esdemo1.skyward.com → https://esdemo1.skyward.com/api/ims/oneroster/v1p1/).
 */
export const SKYWARD_ONEROSTER_PATH = '/api/ims/oneroster/v1p1/';

/**
 * The OneRoster API URL for a pasted Application URL, or undefined when the text is not an
 * address at all (the Host URL field then stays as it is). Tolerates what admins paste: trailing
 * slashes, an Application URL that already ends in `/api`, or the full API URL itself.
 */
export function composeSkywardApiUrl(applicationUrl: string): string | undefined {
  const text = applicationUrl.trim();
  if (!URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  const base = `${url.origin}${path}`;
  if (/\/api\/ims\/oneroster\/v1p1$/i.test(path)) return `${base}/`;
  if (/\/api$/i.test(path)) return `${base}/ims/oneroster/v1p1/`;
  return `${base}${SKYWARD_ONEROSTER_PATH}`;
}
