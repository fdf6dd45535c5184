/**
 * The connection form's values and how they change, apart from React so the rules are
 * unit-tested: a partner switch keeps the sign-in method only if the new SIS offers it, and the
 * Skyward Application URL fills in the Host URL (which stays editable).
 */
import { t } from '../i18n/t';
import type { AdminState } from '../messaging/replies';
import type { ConnectionDraft, DraftContext } from './connection-draft';
import {
  bindingChanges,
  describeBindingChange,
  type KeptSecret,
  keptSecret,
  type SecretBinding,
} from './connection-draft';
import { type AuthMode, authModeFor, type PartnerId, partnerProfile } from './partners';
import {
  type ExportDefaults,
  MAX_TITLE_LIMIT,
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
  };
}

export function applyFormChange(
  values: ConnectionFormValues,
  patch: Partial<ConnectionFormValues>,
): ConnectionFormValues {
  const next = { ...values, ...patch };
  if (patch.partner) next.authMode = authModeFor(patch.partner, next.authMode);
  if (patch.applicationUrl !== undefined) {
    next.hostUrl = composeSkywardApiUrl(patch.applicationUrl) ?? next.hostUrl;
  }
  return next;
}

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
  for (const field of ['hostUrl', 'tokenUrl', 'accessKey', 'authMode'] as const) {
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
