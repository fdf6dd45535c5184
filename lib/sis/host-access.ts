/**
 * Host permissions for SIS origins. The manifest grants none up front
 * (`optional_host_permissions` only): each connection's origins are asked for from the admin's
 * Authorize click, checked by the background before every SIS call, and given back on
 * Disconnect. Behind this small interface so the logic around it is unit-tested with an
 * in-memory stand-in; the e2e tests prove the real browser behaviour.
 */
import { originPattern } from './connection-draft';

export interface HostAccess {
  /** True when the extension may fetch from every one of `origins`. */
  has(origins: readonly string[]): Promise<boolean>;
  /** Gives the permissions back; false when the browser refused (e.g. required permissions). */
  revoke(origins: readonly string[]): Promise<boolean>;
}

const patterns = (origins: readonly string[]) => origins.map(originPattern);

export const browserHostAccess: HostAccess = {
  async has(origins) {
    try {
      return await browser.permissions.contains({ origins: patterns(origins) });
    } catch {
      return false;
    }
  },
  async revoke(origins) {
    try {
      return await browser.permissions.remove({ origins: patterns(origins) });
    } catch (error) {
      // Chrome refuses to remove permissions the manifest requires (a test build's loopback).
      console.warn('[sis-export] host permission not removed:', String(error));
      return false;
    }
  },
};

/**
 * Asks for access to `origins`. Must be called synchronously from the click handler: Chrome
 * accepts `permissions.request` only during a user gesture, and any `await` before it ends that.
 */
export function requestHostAccess(origins: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: patterns(origins) });
}
