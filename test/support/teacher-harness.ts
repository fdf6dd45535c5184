/**
 * The background as the teacher panel and the options page reach it — the real router, handlers,
 * storage (WXT's fake browser), OneRoster client and export engine — against a real sandbox SIS.
 * Only the browser APIs fakeBrowser lacks are stand-ins (host permissions, managed policy,
 * opening the options page), plus short engine waits and a no-op keep-alive ping.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '@/entrypoints/background/handlers';
import { createTeacherRuntime, type TeacherRuntime } from '@/entrypoints/background/runtime';
import type { IdentityFlow } from '@/lib/google/auth';
import type { ReplyOf } from '@/lib/messaging/replies';
import { REPLIES } from '@/lib/messaging/replies';
import type { MessageType } from '@/lib/messaging/requests';
import { createRouter } from '@/lib/messaging/router';
import type { ManagedPolicy } from '@/lib/settings/managed-policy';
import type { HostAccess } from '@/lib/sis/host-access';
import type { EngineOptions } from '@/lib/teacher/sis-session';
import { pageIdentity, type SignedInAccount } from '@/lib/teacher/teacher-identity';
import type { Sandbox } from '../../sandbox/index';

export const OPTIONS_SENDER = {
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/options.html`,
  tab: { id: 2 },
};

/** The URL id Classroom uses for a numeric id: unpadded URL-safe base64 of its digits. */
export function urlIdOf(numericId: string): string {
  return btoa(numericId).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

/** A panel on the Grades page of Classroom class `courseId`. */
export function panelSender(courseId: string) {
  return {
    id: fakeBrowser.runtime.id,
    url: `https://classroom.google.com/u/0/c/${urlIdOf(courseId)}/gb/sort-last-name/default`,
    frameId: 0,
    tab: { id: 1 },
  };
}

/** Short waits: a test run must not sit out production backoff. */
export const FAST_ENGINE: EngineOptions = {
  retry: { baseDelayMs: 5, maxDelayMs: 40, maxAttempts: 10 },
};

/** Any panel message's payload: the class's id and whatever else the message takes. */
export type PanelRequest = { courseId: string } & Record<string, unknown>;

export interface HarnessOptions {
  engine?: EngineOptions;
  /** Revoking the host permission fails and keeps it, as for a pre-granted origin (issue #11, L3). */
  keepHostAccess?: boolean;
  /** The SIS client's fetch (default the global one). */
  fetch?: typeof fetch;
  /** The browser's identity API for Google sign-in (test/support/fake-identity.ts). */
  googleIdentity?: IdentityFlow;
}

export function createHarness(sis: Sandbox, options: HarnessOptions = {}) {
  const granted = new Set([sis.origin]);
  const hostAccess: HostAccess = {
    async has(origins) {
      return origins.every((origin) => granted.has(origin));
    },
    async revoke(origins) {
      if (options.keepHostAccess) return false;
      for (const origin of origins) granted.delete(origin);
      return true;
    },
  };
  const harness = {
    policy: {} as ManagedPolicy,
    /**
     * Who is signed in, as a verified identity would say (the sandbox's teacher unless a test
     * changes it), or 'page' for the production source: the account the panel's page reports.
     */
    signedIn: sis.teacherEmail as string | undefined | 'page',
    granted,
    pings: 0,
    optionsOpened: 0,
    runtime: undefined as unknown as TeacherRuntime,
    /** Every request the background sent, in order, as its fetch was called. */
    sent: [] as Array<{ method: string; url: string }>,
  };
  const deps = {
    hostAccess,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      harness.sent.push({ method: init?.method ?? 'GET', url });
      return (options.fetch ?? fetch)(input, init);
    },
    readPolicy: async () => harness.policy,
    engine: options.engine ?? FAST_ENGINE,
    keepAlivePing: async () => {
      harness.pings++;
    },
    openOptionsPage: async () => {
      harness.optionsOpened++;
    },
    googleIdentity: options.googleIdentity,
    identity: async (reported: string | undefined): Promise<SignedInAccount> =>
      harness.signedIn === 'page'
        ? pageIdentity(reported)
        : { email: harness.signedIn, source: 'google' },
  };
  harness.runtime = createTeacherRuntime(deps);
  const route = createRouter(
    createHandlers({ storageTrusted: Promise.resolve(true) }, deps, harness.runtime),
    { extensionId: fakeBrowser.runtime.id, optionsUrl: OPTIONS_SENDER.url },
  );

  /** Sends a message; the reply as the page would get it. */
  const send = (type: string, data: unknown, sender: object) => route({ type, data }, sender);

  /**
   * Sends a panel message of `courseId`'s page and returns its data, failing on an error or on
   * a reply the panel's side would reject (the protocol's reply schema, as sendRequest parses it).
   */
  async function ask<T = unknown>(type: MessageType, data: PanelRequest): Promise<T> {
    const reply = await send(type, data, panelSender(data.courseId));
    if (!reply.ok) throw new Error(`${type}: ${reply.error.code}: ${reply.error.message}`);
    REPLIES[type].parse(reply.data);
    return reply.data as T;
  }

  /** Authorizes the sandbox with OAuth 1.0a (or OAuth 2 client credentials), as an admin would. */
  async function connect(authMode: 'oauth1' | 'oauth2' = 'oauth1') {
    granted.add(sis.origin);
    const credentials =
      authMode === 'oauth1'
        ? {
            accessKey: sis.credentials.oauth1.consumerKey,
            secret: sis.credentials.oauth1.consumerSecret,
          }
        : {
            tokenUrl: sis.tokenUrl,
            accessKey: sis.credentials.oauth2.clientId,
            secret: sis.credentials.oauth2.clientSecret,
          };
    const reply = await send(
      'authorizeConnection',
      { partner: 'other', hostUrl: sis.baseUrl, authMode, ...credentials },
      OPTIONS_SENDER,
    );
    if (!reply.ok) throw new Error(`authorize: ${reply.error.message}`);
  }

  /**
   * Authorizes the sandbox's Infinite Campus-style OneRoster 1.2 service (OAuth 2, the IC token
   * URL), as an admin switching the connection to 1.2 would; `vendorAuthorization` when the
   * sandbox requires one on the gradebook.
   */
  async function connectV1p2(vendorAuthorization?: string) {
    granted.add(sis.origin);
    const { root, tokenUrl } = sis.oneRoster12;
    const reply = await send(
      'authorizeConnection',
      {
        partner: 'infinite-campus',
        version: '1.2',
        hostUrl: root,
        authMode: 'oauth2',
        tokenUrl,
        accessKey: sis.credentials.oauth2.clientId,
        secret: sis.credentials.oauth2.clientSecret,
        ...(vendorAuthorization ? { vendorAuthorization } : {}),
      },
      OPTIONS_SENDER,
    );
    if (!reply.ok) throw new Error(`authorize 1.2: ${reply.error.message}`);
  }

  /** Polls getPanelState until the class's export has ended and been recorded. */
  async function waitForExport(courseId: string, timeoutMs = 20_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const state = await ask<ReplyOf<'getPanelState'>>('getPanelState', { courseId });
      if (!state.export.running) return state;
      if (Date.now() > until) throw new Error('export did not end in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  return Object.assign(harness, { send, ask, connect, connectV1p2, waitForExport });
}

export type Harness = ReturnType<typeof createHarness>;
