/**
 * How a OneRoster request gets authorised. One authenticator per SIS connection; the OneRoster
 * client asks it for headers right before sending each request (signatures cover the exact URL
 * and method, so they cannot be computed earlier).
 */

export type HttpMethod = 'GET' | 'PUT' | 'DELETE' | 'POST';

export interface RequestToAuthorize {
  method: HttpMethod;
  /** The exact absolute URL that will be sent (query included, spaces as %20). */
  url: string;
}

export interface Authenticator {
  /** Which scheme this is, for logs and error messages. */
  readonly mode: 'oauth1' | 'oauth2';
  /**
   * OAuth 1.0a: the correction added to our clock when stamping requests (SIS clock minus ours,
   * in ms); a call to `authorize` stamps with the value current when it is called. Undefined for
   * schemes that stamp no time.
   */
  readonly clockSkewMs?: number;
  /** Headers to add to this request: `Authorization`, plus any per-connection extra headers. */
  authorize(request: RequestToAuthorize, signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called after the SIS answered 401. Returns true when retrying once may succeed; false when a
   * retry is pointless. Several requests may be refused at once (an export runs them in
   * parallel), so the answer depends on what each refused request carried, not on call order.
   */
  onUnauthorized(refusal: RefusedRequest): Promise<boolean>;
}

/** What the authenticator learns about one refused request. */
export interface RefusedRequest {
  /**
   * The very object `authorize` returned for the refused request: which token it carried (OAuth
   * 2), which clock correction its timestamp used (OAuth 1.0a).
   */
  sent: Readonly<Record<string, string>>;
  /**
   * Set when the SIS refused an OAuth 1.0a timestamp: SIS clock minus ours (uncorrected), from
   * the refusal's `Date` header.
   */
  serverClockSkewMs?: number;
}
