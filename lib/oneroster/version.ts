/**
 * OneRoster 1.1 and 1.2 side by side: which version a pasted URL looks like, the two service bases
 * a connection talks to, and the OAuth 2 scopes each version asks for.
 *
 * 1.1 serves everything under one base (`…/ims/oneroster/v1p1/`). 1.2 splits the API into
 * services: rostering under `…/ims/oneroster/rostering/v1p2/` and the gradebook under
 * `…/ims/oneroster/gradebook/v1p2/`. Admins paste whatever their SIS shows (Infinite Campus shows
 * the `…/ims/oneroster` root, Google's 1.2 suite takes that root too), so both bases are derived
 * from one URL here (oneroster-1.2.md §2, §6).
 */
import { normaliseBaseUrl } from './url';

export const ONEROSTER_VERSIONS = ['1.1', '1.2'] as const;
export type OneRosterVersion = (typeof ONEROSTER_VERSIONS)[number];

/** How a 1.2 result's `scoreDate` is written: the spec's `YYYY-MM-DD`, or a full date-time. */
export const SCORE_DATE_FORMATS = ['date', 'date-time'] as const;
export type ScoreDateFormat = (typeof SCORE_DATE_FORMATS)[number];

/** The bases every request URL starts with, normalised with one trailing slash. */
export interface ServiceBases {
  rostering: string;
  gradebook: string;
}

const path = (url: string) => (URL.canParse(url) ? new URL(url.trim()).pathname : url.trim());
const trimmed = (url: string) => path(url).replace(/\/+$/, '').toLowerCase();

/**
 * The version a pasted URL points at, or undefined when it does not say (`…/ims/oneroster/v1p2`
 * is Google's README wording for a root; it reads as 1.2).
 */
export function suggestVersion(url: string): OneRosterVersion | undefined {
  const p = trimmed(url);
  if (/\/v1p1$/.test(p) || /\/v1p1\//.test(p)) return '1.1';
  if (/\/(rostering|gradebook|resources)\/v1p2$/.test(p)) return '1.2';
  if (p.startsWith('/campus/api/oneroster/v1p2/')) return '1.2';
  if (/\/ims\/oneroster(\/v1p2)?$/.test(p)) return '1.2';
  return undefined;
}

/** A 1.2 service base under a root. */
function serviceBase(root: string, service: 'rostering' | 'gradebook'): string {
  return `${root}${service}/v1p2/`;
}

/**
 * The 1.2 root (`…/ims/oneroster/`) a pasted URL stands for: a service base loses its service
 * segment, Google's `…/ims/oneroster/v1p2` wording loses `v1p2`, anything else is taken as the
 * root itself (Authorize's live check then says whether it is one).
 */
export function rootOf(url: string): string {
  const base = normaliseBaseUrl(url);
  const service = /(rostering|gradebook|resources)\/v1p2\/$/i;
  if (service.test(base)) return base.replace(service, '');
  if (/\/ims\/oneroster\/v1p2\/$/i.test(base)) return base.replace(/v1p2\/$/i, '');
  return base;
}

/**
 * Where rostering and gradebook requests go. 1.1: the one Base URL. 1.2: derived from the pasted
 * URL (root or either service base), the gradebook base overridable for SISs that host it elsewhere.
 * Throws TypeError for an unusable URL (normaliseBaseUrl's rules).
 */
export function serviceBases(
  version: OneRosterVersion,
  hostUrl: string,
  gradebookOverride?: string,
): ServiceBases {
  if (version === '1.1') {
    const base = normaliseBaseUrl(hostUrl);
    return { rostering: base, gradebook: base };
  }
  const root = rootOf(hostUrl);
  return {
    rostering: serviceBase(root, 'rostering'),
    gradebook: gradebookOverride
      ? normaliseBaseUrl(gradebookOverride)
      : serviceBase(root, 'gradebook'),
  };
}

const SCOPE_NAMES = [
  'roster.readonly',
  'gradebook.readonly',
  'gradebook.createput',
  'gradebook.delete',
];

/**
 * The OAuth 2 scopes a grade export needs, the four Google's conformance suites request, under
 * the version's own URI (`…/spec/or/v1p1/scope/…` or `…/spec/or/v1p2/scope/…`). Bulk POST's
 * `gradebook.createpost` is never asked for: writes are PUTs with our own ids.
 */
export function scopesFor(version: OneRosterVersion): string[] {
  const segment = version === '1.1' ? 'v1p1' : 'v1p2';
  return SCOPE_NAMES.map((name) => `https://purl.imsglobal.org/spec/or/${segment}/scope/${name}`);
}

/**
 * Infinite Campus's appName from a pasted Base URL: the segment after `/campus/api/oneroster/v1p2/`
 * (1.2) or after `/campus/oneroster/` (older 1.1 layout); undefined for any other shape.
 */
export function infiniteCampusAppName(url: string): string | undefined {
  const p = path(url);
  const match =
    /^\/campus\/api\/oneroster\/v1p2\/([^/]+)/i.exec(p) ?? /^\/campus\/oneroster\/([^/]+)/i.exec(p);
  const app = match?.[1];
  return app && app.toLowerCase() !== 'ims' ? app : undefined;
}
