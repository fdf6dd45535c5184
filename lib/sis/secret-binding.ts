/**
 * A kept secret (secret code or vendor authorization that is not typed again) is bound to what
 * it was saved with: it is only ever sent to the Host URL's and Token URL's origins, with the
 * access key and sign-in method, of the connection it was authorized with; one from the district
 * policy only to the policy's own URLs. Otherwise editing two URLs on the options page would
 * send the saved secret to a server of anyone's choosing. Checked by
 * checkConnectionDraft, so the page asks for the secret up front and the background refuses.
 */
import { t } from '../i18n/t';
import { checkHostUrl, checkTokenUrl } from './host-url';
import type { AuthMode } from './partners';
import type { ConnectionFields, SecretState } from './settings-shapes';

/** What a kept secret may be used with; an absent URL allows no origin. */
export type SecretBinding = Partial<
  Pick<ConnectionFields, 'hostUrl' | 'tokenUrl' | 'accessKey' | 'authMode'>
>;

/** A secret the draft does not type again, where it comes from and what it is bound to. */
export interface KeptSecret {
  source: 'saved' | 'managed';
  boundTo: SecretBinding;
}

/** A field whose change means the kept secret must be typed again. */
export type BindingField = 'hostUrl' | 'tokenUrl' | 'accessKey' | 'authMode';

/** The fields of a draft that decide where and how a secret is used (raw or normalised). */
export interface BindingDraft {
  hostUrl: string;
  tokenUrl?: string;
  accessKey: string;
  authMode: AuthMode;
}

const originOf = (check: ReturnType<typeof checkHostUrl>) => (check.ok ? check.origin : undefined);
const hostOrigin = (url?: string) => (url === undefined ? undefined : originOf(checkHostUrl(url)));
const tokenOrigin = (url?: string) =>
  url === undefined ? undefined : originOf(checkTokenUrl(url));

/** The fields in which `draft` leaves what `bound` allows; empty: the kept secret may be used. */
export function bindingChanges(bound: SecretBinding, draft: BindingDraft): BindingField[] {
  const changes: BindingField[] = [];
  const host = hostOrigin(bound.hostUrl);
  if (host === undefined || host !== hostOrigin(draft.hostUrl)) changes.push('hostUrl');
  if (draft.authMode === 'oauth2') {
    const token = tokenOrigin(bound.tokenUrl);
    if (token === undefined || token !== tokenOrigin(draft.tokenUrl)) changes.push('tokenUrl');
  }
  if (bound.accessKey !== undefined && bound.accessKey !== draft.accessKey.trim()) {
    changes.push('accessKey');
  }
  if (bound.authMode !== undefined && bound.authMode !== draft.authMode) changes.push('authMode');
  return changes;
}

/**
 * The kept secret of one kind: a saved one is bound to the last authorized connection (none
 * saved: it is bound to nothing), a policy's to the connection values the policy sets.
 */
export function keptSecret(
  state: SecretState,
  saved: SecretBinding | null | undefined,
  policy: SecretBinding,
): KeptSecret | undefined {
  if (state === 'managed') return { source: 'managed', boundTo: policy };
  if (state === 'saved') return { source: 'saved', boundTo: saved ?? {} };
  return undefined;
}

const LABEL: Record<BindingField, () => string> = {
  hostUrl: () => t('fieldHostUrl'),
  tokenUrl: () => t('fieldTokenUrl'),
  accessKey: () => t('fieldAccessKey'),
  authMode: () => t('fieldAuthMode'),
};

/** Why the kept secret cannot be used, beside its field: names what changed. */
export function describeBindingChange(
  kind: 'secret' | 'vendorAuthorization',
  kept: KeptSecret,
  changes: readonly BindingField[],
): string {
  if (kept.source === 'managed') {
    return kind === 'secret'
      ? t('secretManagedElsewhere')
      : t('vendorAuthorizationManagedElsewhere');
  }
  const changed = changes.map((field) => LABEL[field]()).join(', ');
  return kind === 'secret' ? t('secretRetype', changed) : t('vendorAuthorizationRetype', changed);
}
