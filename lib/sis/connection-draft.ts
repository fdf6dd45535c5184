/**
 * The connection form as typed, and the one check it must pass before Authorize sends anything:
 * run by the options page (errors beside the fields) and again by the background (which never
 * trusts a page), so both always agree.
 */
import type { ErrorCode } from '../errors';
import { t } from '../i18n/t';
import { z } from '../zod';
import {
  type AuthMode,
  AuthModeSchema,
  authModeFor,
  PartnerIdSchema,
  partnerProfile,
} from './partners';
import {
  type ConnectionFields,
  connectionVersion,
  OneRosterVersionSchema,
  ScoreDateFormatSchema,
  type SecretState,
  SignatureMethodSchema,
} from './settings-shapes';

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
  /** Absent: 1.1, as every connection was before 1.2. */
  version: z.optional(OneRosterVersionSchema),
  /** 1.2 only: the gradebook base override; empty or absent uses the derived base. */
  gradebookUrl: z.optional(Typed),
  /** 1.2 only. */
  scoreDateFormat: z.optional(ScoreDateFormatSchema),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraftSchema>;

/** Fields a problem can be shown beside. */
export const DRAFT_FIELDS = [
  'hostUrl',
  'version',
  'gradebookUrl',
  'authMode',
  'accessKey',
  'secret',
  'tokenUrl',
  'vendorAuthorization',
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

/** A field name received from elsewhere (an error's `field`), if it is one of the form's. */
export function draftField(name: unknown): DraftField | undefined {
  return DRAFT_FIELDS.find((field) => field === name);
}
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
   * What a secret that is not typed again may be used with (secret binding, below). Authorize
   * always passes it; only a draft that sends nothing (the policy JSON) leaves it out.
   */
  kept?: { secret?: KeptSecret; vendorAuthorization?: KeptSecret };
}

export function checkConnectionDraft(draft: ConnectionDraft, context: DraftContext): DraftCheck {
  const errors: DraftErrors = {};
  const authMode = authModeFor(draft.partner, draft.authMode);

  const host = checkHostUrl(draft.hostUrl);
  if (!host.ok) errors.hostUrl = describeSisUrlProblem(host.problem);

  const profile = partnerProfile(draft.partner);
  const version = connectionVersion(draft);
  if (!profile.versions.includes(version)) {
    errors.version = t('versionNotOffered', profile.name(), version);
  }
  // OneRoster 1.2 dropped OAuth 1.0a (oneroster-1.2.md §5); the form never offers it there.
  if (version === '1.2' && authMode === 'oauth1') errors.authMode = t('versionNeedsOAuth2');

  let gradebookUrl: string | undefined;
  const gradebookText = version === '1.2' ? (draft.gradebookUrl ?? '').trim() : '';
  if (gradebookText !== '') {
    const gradebook = checkHostUrl(gradebookText);
    if (gradebook.ok) gradebookUrl = gradebook.url;
    else errors.gradebookUrl = describeSisUrlProblem(gradebook.problem);
  }

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
  const binding = {
    hostUrl: draft.hostUrl,
    tokenUrl: draft.tokenUrl,
    gradebookUrl: gradebookText || undefined,
    accessKey,
    authMode,
  };
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
    ...(draft.version === undefined ? {} : { version }),
    ...(gradebookUrl === undefined ? {} : { gradebookUrl }),
    ...(version === '1.2' && draft.scoreDateFormat
      ? { scoreDateFormat: draft.scoreDateFormat }
      : {}),
  };
  return {
    ok: true,
    fields,
    ...(secret === undefined ? {} : { secret }),
    ...(vendorAuthorization === undefined ? {} : { vendorAuthorization }),
  };
}

/**
 * Every origin the connection talks to: the Host URL's, the token URL's, and a 1.2 gradebook
 * base's when it is elsewhere.
 */
export function connectionOrigins(
  fields: Pick<ConnectionFields, 'hostUrl' | 'tokenUrl' | 'gradebookUrl' | 'version'>,
): string[] {
  const gradebook = connectionVersion(fields) === '1.2' ? fields.gradebookUrl : undefined;
  const origins = [fields.hostUrl, fields.tokenUrl, gradebook]
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

/** Failures that mean "no OneRoster service of this version at that base". */
const BASE_CODES: ReadonlySet<string> = new Set([
  'wrong-base',
  'not-found',
  'not-oneroster',
  'unexpected-status',
]);

/**
 * The field a failed Authorize check points at. By string, so codes the OneRoster client adds
 * reach it as they are: 'wrong-base' (no OneRoster service of that version at a base) and the
 * other "nothing OneRoster there" codes are the Host URL's fault, or the gradebook override's
 * when the failing base was the overridden gradebook.
 */
export function fieldForAuthorizeError(
  code: string,
  detail: { service?: unknown; gradebookOverridden?: boolean } = {},
): DraftField | undefined {
  if (BASE_CODES.has(code)) {
    return detail.service === 'gradebook' && detail.gradebookOverridden
      ? 'gradebookUrl'
      : 'hostUrl';
  }
  return (FIELD_FOR_ERROR as Readonly<Record<string, DraftField | undefined>>)[code];
}

/*
 * The rules every SIS address (Host URL, token URL) must pass before any request is made. The
 * options page shows the problems beside the fields; the background checks again, since it never
 * trusts what a page sends. Secrets travel to these addresses, so plain http is only allowed for
 * a test server on this computer (loopback).
 */
/** Hosts where `http:` is acceptable: the traffic never leaves the machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type SisUrlProblem =
  | 'required'
  | 'invalid'
  | 'not-https'
  | 'credentials'
  | 'fragment'
  | 'query';

export type SisUrlCheck =
  | { ok: true; url: string; origin: string }
  | { ok: false; problem: SisUrlProblem };

export interface SisUrlRules {
  /**
   * Token URLs keep their query exactly (Infinite Campus needs `?appName=…`); a Host URL has
   * none, since every request path is appended to it.
   */
  allowQuery: boolean;
}

/**
 * Checks and normalises an address typed or pasted by an admin. Host URLs come back with exactly
 * one trailing slash (how the OneRoster client joins paths); token URLs exactly as entered, minus
 * surrounding whitespace.
 */
export function checkSisUrl(input: string, rules: SisUrlRules): SisUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, problem: 'required' };
  if (!URL.canParse(text)) return { ok: false, problem: 'invalid' };
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, problem: 'invalid' };
  if (url.hostname === '') return { ok: false, problem: 'invalid' };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, problem: 'not-https' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  // `new URL('…#').hash` is empty, so look at the text: any fragment is a paste mistake.
  if (text.includes('#')) return { ok: false, problem: 'fragment' };
  if (!rules.allowQuery && text.includes('?')) return { ok: false, problem: 'query' };
  if (rules.allowQuery) return { ok: true, url: text, origin: url.origin };
  url.pathname = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.href.replace(/\/+$/, '')}/`, origin: url.origin };
}

/** Host URL rules: normalised, no query. */
export const checkHostUrl = (input: string) => checkSisUrl(input, { allowQuery: false });

/** Token URL rules: kept exactly, query allowed. */
export const checkTokenUrl = (input: string) => checkSisUrl(input, { allowQuery: true });

/** The translated sentence for a problem, shown beside the field it belongs to. */
export function describeSisUrlProblem(problem: SisUrlProblem): string {
  switch (problem) {
    case 'required':
      return t('urlRequired');
    case 'invalid':
      return t('urlInvalid');
    case 'not-https':
      return t('urlNotHttps');
    case 'credentials':
      return t('urlHasCredentials');
    case 'fragment':
      return t('urlHasFragment');
    case 'query':
      return t('urlHasQuery');
  }
}

/**
 * The host-permission match pattern for one origin, as `permissions.request/contains/remove`
 * take it (`https://sis.example.org:8443/*`).
 */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}

/*
 * A kept secret (secret code or vendor authorization that is not typed again) is bound to what
 * it was saved with: it is only ever sent to the Host URL's, Token URL's and (1.2) gradebook
 * base's origins, with the
 * access key and sign-in method, of the connection it was authorized with; one from the district
 * policy only to the policy's own URLs. Otherwise editing two URLs on the options page would
 * send the saved secret to a server of anyone's choosing. Checked by
 * checkConnectionDraft, so the page asks for the secret up front and the background refuses.
 */
/** What a kept secret may be used with; an absent URL allows no origin. */
export type SecretBinding = Partial<
  Pick<ConnectionFields, 'hostUrl' | 'tokenUrl' | 'gradebookUrl' | 'accessKey' | 'authMode'>
>;

/** A secret the draft does not type again, where it comes from and what it is bound to. */
export interface KeptSecret {
  source: 'saved' | 'managed';
  boundTo: SecretBinding;
}

/** A field whose change means the kept secret must be typed again. */
export type BindingField = 'hostUrl' | 'tokenUrl' | 'gradebookUrl' | 'accessKey' | 'authMode';

/** The fields of a draft that decide where and how a secret is used (raw or normalised). */
export interface BindingDraft {
  hostUrl: string;
  tokenUrl?: string;
  /** A 1.2 gradebook base override; absent when the connection uses the derived base. */
  gradebookUrl?: string;
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
  // Bearer tokens and the vendor header go to the gradebook base: an override may point only
  // at an origin the secret was already bound to.
  if (draft.gradebookUrl) {
    const gradebook = hostOrigin(draft.gradebookUrl);
    const allowed = [host, hostOrigin(bound.gradebookUrl)].filter((origin) => origin);
    if (gradebook === undefined || !allowed.includes(gradebook)) changes.push('gradebookUrl');
  }
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
  gradebookUrl: () => t('fieldGradebookUrl'),
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
