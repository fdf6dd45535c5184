/**
 * OAuth 1.0a request signing (RFC 5849 §3.4) as pure functions, one per stage so each can be
 * checked against published vectors. Built on the `oauth-1.0a` package, with its URL and query
 * parsing replaced where it departs from RFC 5849 (see {@link Rfc5849OAuth}).
 */
import OAuth from 'oauth-1.0a';
import { hmacBase64, type OAuth1SignatureMethod } from './hmac';
import { formDecode } from './percent-encode';

export type { OAuth1SignatureMethod } from './hmac';

/** The protocol parameters of one request, without `oauth_signature` (RFC 5849 §3.1). */
export interface OAuth1Params {
  oauth_consumer_key: string;
  oauth_nonce: string;
  oauth_signature_method: OAuth1SignatureMethod;
  /** Seconds since the epoch, as a decimal string. */
  oauth_timestamp: string;
  oauth_version?: '1.0';
  /** Only three-legged flows have a token; OneRoster's two-legged signing leaves it out. */
  oauth_token?: string;
}

export interface SignableRequest {
  method: string;
  /** The absolute URL as it will be sent; its query parameters are signed. */
  url: string;
  /**
   * An `application/x-www-form-urlencoded` body, whose parameters are signed too
   * (RFC 5849 §3.4.1.3.1). JSON bodies are not signed: leave this out for them.
   */
  formBody?: string;
}

type ParamMap = Record<string, string | string[]>;

/**
 * `oauth-1.0a` computes the stages right (sorting, encoding, key, header) but parses URLs loosely.
 * Each override below fixes one departure from RFC 5849 that would break a OneRoster request:
 */
class Rfc5849OAuth extends OAuth {
  /**
   * §3.4.1.2: scheme and host lowercase, default port dropped, no query or fragment. The library
   * splits the raw string at `?`; WHATWG URL parsing is also exactly what `fetch` applies before
   * sending, so the signed URL is the sent URL.
   */
  override getBaseUrl(url: string): string {
    const { protocol, host, pathname } = new URL(url);
    return `${protocol}//${host}${pathname}`;
  }

  /** The library keeps a `#fragment` in the last query value; the parsed URL drops it. */
  override deParamUrl(url: string): ParamMap {
    return this.deParam(new URL(url).search.slice(1));
  }

  /**
   * §3.4.1.3.1: names and values are form-decoded before being re-encoded. The library splits at
   * every `=` (so `filter=status='active'` became `status`), leaves names encoded (`c%40` would be
   * signed as `c%2540`), keeps `+` instead of a space, and loses a repeated name whose first
   * value is empty.
   */
  override deParam(query: string): ParamMap {
    const params: ParamMap = Object.create(null);
    for (const pair of query.split('&')) {
      if (pair === '') continue; // `a&&b` and a bare `?` carry no parameter.
      const eq = pair.indexOf('=');
      const name = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
      const value = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
      addParam(params, name, value);
    }
    return params;
  }

  /**
   * §3.4.1.3.1 signs every occurrence of a name (`a3` in both body and query in the §3.4.1.3.2
   * example); the library's merge overwrote one with the other, and mutated its first argument.
   */
  override mergeObject<T, U>(first: T, second: U): T & U {
    const merged: ParamMap = Object.assign(Object.create(null), first);
    for (const [name, value] of Object.entries((second ?? {}) as ParamMap)) {
      for (const item of [value].flat()) addParam(merged, name, item);
    }
    return merged as T & U;
  }
}

function addParam(params: ParamMap, name: string, value: string): void {
  const previous = params[name];
  params[name] = previous === undefined ? value : [...[previous].flat(), value];
}

function decodeQueryPart(part: string): string {
  try {
    return formDecode(part);
  } catch (error) {
    throw new TypeError(`Query is not valid percent-encoding: ${part}`, { cause: error });
  }
}

function library(method: OAuth1SignatureMethod, consumerSecret = ''): Rfc5849OAuth {
  return new Rfc5849OAuth({
    consumer: { key: '', secret: consumerSecret },
    signature_method: method,
    hash_function: (base, key) => hmacBase64(method, key, base),
  });
}

// The library types its parameters with a numeric timestamp and a required version; it only ever
// string-encodes them, and an absent version must stay absent (RFC 5849 §1.2 has none).
function libraryParams(params: Readonly<Record<string, string | undefined>>): OAuth.Data {
  const defined = Object.entries(params).filter(([, value]) => value !== undefined);
  return Object.fromEntries(defined) as unknown as OAuth.Data;
}

function libraryRequest(request: SignableRequest, oauth: Rfc5849OAuth): OAuth.RequestOptions {
  return { method: request.method, url: request.url, data: oauth.deParam(request.formBody ?? '') };
}

/**
 * Stage 1, the normalized parameter string (RFC 5849 §3.4.1.3.2): protocol, query and form-body
 * parameters, each name and value percent-encoded, sorted, joined with `&`.
 */
export function parameterString(request: SignableRequest, params: OAuth1Params): string {
  const oauth = library(params.oauth_signature_method);
  return oauth.getParameterString(libraryRequest(request, oauth), libraryParams({ ...params }));
}

/** Stage 2, the signature base string (RFC 5849 §3.4.1): `METHOD&enc(base URI)&enc(parameters)`. */
export function baseString(request: SignableRequest, params: OAuth1Params): string {
  const oauth = library(params.oauth_signature_method);
  return oauth.getBaseString(libraryRequest(request, oauth), libraryParams({ ...params }));
}

/**
 * Stage 3, the HMAC key (RFC 5849 §3.4.2): `enc(consumer secret)&enc(token secret)`. The `&`
 * stays when there is no token, as in two-legged OneRoster signing.
 */
export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return library('HMAC-SHA256', consumerSecret).getSigningKey(tokenSecret);
}

/** Stage 4, `oauth_signature`: base64 of the HMAC of the base string. */
export function signature(method: OAuth1SignatureMethod, base: string, key: string): string {
  return library(method).hash_function(base, key);
}

/** Stage 5, the `Authorization` header value (RFC 5849 §3.5.1), parameters sorted and encoded. */
export function authorizationHeader(params: OAuth1Params & { oauth_signature: string }): string {
  const oauth = library(params.oauth_signature_method);
  return oauth.toHeader(libraryParams({ ...params }) as OAuth.Authorization).Authorization;
}

/** All stages for one request: what to send, and the intermediate strings for debugging. */
export interface SignedRequest {
  baseString: string;
  signature: string;
  /** The `Authorization` header value. */
  authorization: string;
}

/**
 * Signs a request with the given protocol parameters.
 * @throws {TypeError} if the URL is not absolute, its query is not valid percent-encoding, or it
 *   already carries `oauth_*` parameters (they go in the header; servers reject duplicates).
 */
export function signRequest(
  request: SignableRequest,
  params: OAuth1Params,
  secrets: { consumerSecret: string; tokenSecret?: string },
): SignedRequest {
  const oauth = library(params.oauth_signature_method, secrets.consumerSecret);
  const inUrl = Object.keys(oauth.deParamUrl(request.url)).filter((name) =>
    name.startsWith('oauth_'),
  );
  if (inUrl.length > 0) {
    throw new TypeError(`Request URL must not carry OAuth parameters: ${inUrl.join(', ')}`);
  }
  const base = baseString(request, params);
  const signed = signature(
    params.oauth_signature_method,
    base,
    oauth.getSigningKey(secrets.tokenSecret),
  );
  return {
    baseString: base,
    signature: signed,
    authorization: authorizationHeader({ ...params, oauth_signature: signed }),
  };
}
