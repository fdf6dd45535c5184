/**
 * The connection form's values and how they change, apart from React so the rules are
 * unit-tested: a partner switch keeps the sign-in method only if the new SIS offers it, and the
 * Skyward Application URL fills in the Host URL (which stays editable).
 */
import type { AdminState, SecretState } from '../messaging/options-protocol';
import type { ConnectionDraft } from './connection-draft';
import { type AuthMode, authModeFor, type PartnerId, partnerProfile } from './partners';
import type { SignatureMethod } from './settings-shapes';
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
