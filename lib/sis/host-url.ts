/**
 * The rules every SIS address (Host URL, token URL) must pass before any request is made. The
 * options page shows the problems beside the fields; the background checks again, since it never
 * trusts what a page sends. Secrets travel to these addresses, so plain http is only allowed for
 * a test server on this computer (loopback).
 */
import { t } from '../i18n/t';

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
