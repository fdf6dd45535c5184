/**
 * The connection form as typed, and the one check it must pass before Authorize sends anything:
 * run by the options page (errors beside the fields) and again by the background (which never
 * trusts a page), so both always agree.
 */
import type { ErrorCode } from '../errors';
import { t } from '../i18n/t';
import { z } from '../zod';
import { checkHostUrl, checkTokenUrl, describeSisUrlProblem } from './host-url';
import { AuthModeSchema, authModeFor, PartnerIdSchema, partnerProfile } from './partners';
import { bindingChanges, describeBindingChange, type KeptSecret } from './secret-binding';
import { type ConnectionFields, SignatureMethodSchema } from './settings-shapes';

const Typed = z.string().check(z.maxLength(4096));

/** What the options page sends with Authorize: raw text, checked by {@link checkConnectionDraft}. */
export const ConnectionDraftSchema = z.object({
  partner: PartnerIdSchema,
  hostUrl: Typed,
  authMode: AuthModeSchema,
  accessKey: Typed,
  tokenUrl: z.optional(Typed),
  signatureMethod: z.optional(SignatureMethodSchema),
  /** A newly typed secret code; absent keeps the saved one. */
  secret: z.optional(Typed),
  /** Newly typed vendor authorization; absent keeps the saved one, empty removes it. */
  vendorAuthorization: z.optional(Typed),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraftSchema>;

/** Fields a problem can be shown beside. */
export type DraftField = 'hostUrl' | 'accessKey' | 'secret' | 'tokenUrl' | 'vendorAuthorization';
export type DraftErrors = Partial<Record<DraftField, string>>;

export type DraftCheck =
  | {
      ok: true;
      fields: ConnectionFields;
      /** The trimmed new secret, when one was typed. */
      secret?: string;
      /** New vendor authorization ('' removes the saved one), when one was typed. */
      vendorAuthorization?: string;
    }
  | { ok: false; errors: DraftErrors };

// `key:secret` on one line, as Infinite Campus issues it; it becomes a header value, so no
// whitespace or control characters.
const VENDOR_AUTHORIZATION = /^[\x21-\x39\x3B-\x7E]+:[\x21-\x7E]+$/;

export interface DraftContext {
  /** A secret code is already saved in this browser or set by policy. */
  secretAvailable: boolean;
  /**
   * What a secret that is not typed again may be used with (lib/sis/secret-binding.ts). Authorize
   * always passes it; only a draft that sends nothing (the policy JSON) leaves it out.
   */
  kept?: { secret?: KeptSecret; vendorAuthorization?: KeptSecret };
}

export function checkConnectionDraft(draft: ConnectionDraft, context: DraftContext): DraftCheck {
  const errors: DraftErrors = {};
  const authMode = authModeFor(draft.partner, draft.authMode);

  const host = checkHostUrl(draft.hostUrl);
  if (!host.ok) errors.hostUrl = describeSisUrlProblem(host.problem);

  const accessKey = draft.accessKey.trim();
  if (accessKey === '') errors.accessKey = t('accessKeyRequired');

  const secret = draft.secret?.trim();
  if (secret === '' || (secret === undefined && !context.secretAvailable)) {
    errors.secret = t('secretRequired');
  }

  let tokenUrl: string | undefined;
  if (authMode === 'oauth2') {
    const token = checkTokenUrl(draft.tokenUrl ?? '');
    if (token.ok) tokenUrl = token.url;
    else errors.tokenUrl = describeSisUrlProblem(token.problem);
  }

  let vendorAuthorization = draft.vendorAuthorization?.trim();
  if (vendorAuthorization && !VENDOR_AUTHORIZATION.test(vendorAuthorization)) {
    errors.vendorAuthorization = t('vendorAuthorizationInvalid');
  }

  // A kept secret goes only where, and with what, it was saved for.
  const kept = context.kept ?? {};
  const binding = { hostUrl: draft.hostUrl, tokenUrl: draft.tokenUrl, accessKey, authMode };
  if (secret === undefined && kept.secret && !errors.secret) {
    const changes = bindingChanges(kept.secret.boundTo, binding);
    if (changes.length > 0) errors.secret = describeBindingChange('secret', kept.secret, changes);
  }
  if (vendorAuthorization === undefined && kept.vendorAuthorization) {
    const changes = bindingChanges(kept.vendorAuthorization.boundTo, binding);
    if (changes.length > 0 && partnerProfile(draft.partner).vendorAuthorizationHeader) {
      errors.vendorAuthorization = describeBindingChange(
        'vendorAuthorization',
        kept.vendorAuthorization,
        changes,
      );
    } else if (changes.length > 0 && kept.vendorAuthorization.source === 'saved') {
      // This SIS sends no vendor header, so it is not asked for; but kept, it would be bound to
      // this connection from now on: it is deleted instead.
      vendorAuthorization = '';
    }
  }

  if (!host.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const fields: ConnectionFields = {
    partner: draft.partner,
    hostUrl: host.url,
    authMode,
    accessKey,
    ...(authMode === 'oauth2'
      ? { tokenUrl }
      : { signatureMethod: draft.signatureMethod ?? 'HMAC-SHA256' }),
  };
  return {
    ok: true,
    fields,
    ...(secret === undefined ? {} : { secret }),
    ...(vendorAuthorization === undefined ? {} : { vendorAuthorization }),
  };
}

/** Every origin the connection talks to (the Host URL's, and the token URL's when different). */
export function connectionOrigins(
  fields: Pick<ConnectionFields, 'hostUrl' | 'tokenUrl'>,
): string[] {
  const origins = [fields.hostUrl, fields.tokenUrl]
    .filter((url): url is string => url !== undefined && URL.canParse(url))
    .map((url) => new URL(url).origin);
  return [...new Set(origins)];
}

/** The field an Authorize failure points at, to mark it on the page. */
export const FIELD_FOR_ERROR: Readonly<Partial<Record<ErrorCode, DraftField>>> = {
  'bad-credentials': 'secret',
  'token-rejected': 'secret',
  'not-oneroster': 'hostUrl',
  'not-found': 'hostUrl',
  'unexpected-status': 'hostUrl',
  'token-endpoint-invalid': 'tokenUrl',
  'token-endpoint-status': 'tokenUrl',
  'missing-vendor-authorization': 'vendorAuthorization',
};
