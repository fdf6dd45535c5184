/**
 * The connection form's values and how they change, apart from React so the rules are
 * unit-tested: a partner switch keeps the sign-in method only if the new SIS offers it, and the
 * Skyward Application URL fills in the Host URL (which stays editable).
 */
import type { AdminState } from '../messaging/replies';
import type { ConnectionDraft, DraftContext } from './connection-draft';
import { type AuthMode, authModeFor, type PartnerId, partnerProfile } from './partners';
import {
  bindingChanges,
  describeBindingChange,
  type KeptSecret,
  keptSecret,
  type SecretBinding,
} from './secret-binding';
import type { SecretState, SignatureMethod } from './settings-shapes';
import { composeSkywardApiUrl } from './skyward-url';

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

/** The secrets Authorize may keep, bound as the background binds them (secret-binding.ts). */
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
