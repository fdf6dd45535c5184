import { defineConfig } from 'wxt';

/**
 * Origins an admin's SIS may live on, granted one origin at a time from the Authorize click
 * (`permissions.request`). Plain http only for a test SIS on this computer, matching
 * the URL rules in lib/sis/connection-draft.ts.
 */
const SIS_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'];

/**
 * `wxt build --mode e2e` (test/e2e/global-setup.ts only): Chromium's permission prompt cannot be
 * clicked by a test, so the e2e build is granted the loopback sandbox SIS up front. `localhost`
 * stays optional there, so Disconnect's permission removal is still tested for real.
 */
const E2E_HOST_PERMISSIONS = ['http://127.0.0.1/*'];

/**
 * The Classroom API, read by the background with the teacher's own Google token (issue #13).
 * Granted up front: it is one fixed Google origin, and the background reads from it without a
 * click (a panel opened on any class page).
 */
const GOOGLE_HOST_PERMISSIONS = ['https://classroom.googleapis.com/*'];

// Manifest facts that matter for safety:
// - no SIS host permissions in the production build: the SIS origin is requested per connection
//   at Authorize time and given back on Disconnect; the only host permission is the Classroom
//   API's origin;
// - identity: Google sign-in through launchWebAuthFlow (lib/google/auth.ts), Chrome, Edge and
//   Chromium alike, with the client id from settings or policy rather than the manifest;
// - managed storage schema so a district can configure every teacher's browser by policy;
// - unlimitedStorage (no install warning): without it storage.local stops at 10 MB, and a large
//   class's export journal plus export histories (every result written, per class) can pass that.
//   Kept in storage.local, not IndexedDB: one store, restricted to trusted contexts at every
//   start (DESIGN.md), with WXT's fake browser in the unit tests (lib/export/journal-store.ts).
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ mode }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage.local.setAccessLevel (secrets stay out of content scripts) needs Chrome 102;
    // 116 is the first version whose MV3 service worker lifetime rules we rely on.
    minimum_chrome_version: '116',
    permissions: ['storage', 'unlimitedStorage', 'identity'],
    optional_host_permissions: SIS_ORIGINS,
    host_permissions: [...GOOGLE_HOST_PERMISSIONS, ...(mode === 'e2e' ? E2E_HOST_PERMISSIONS : [])],
    storage: { managed_schema: 'managed-schema.json' },
    // Stricter than MV3's default (which allows wasm eval and plugin objects): only our own
    // bundled scripts, no objects, no <base> tricks. The extension ships no remote code.
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'",
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extName__' },
  }),
});
