/**
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
