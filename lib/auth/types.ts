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
  /** Headers to add to this request: `Authorization`, plus any per-connection extra headers. */
  authorize(request: RequestToAuthorize, signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called after the SIS answered 401. Returns true when retrying once may succeed (OAuth 2: the
   * cached token was dropped and a new one will be fetched); false when a retry is pointless.
   */
  onUnauthorized(): Promise<boolean>;
}
