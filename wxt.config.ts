import { defineConfig } from 'wxt';

// Manifest facts that matter for safety:
// - no broad host permissions: the SIS origin is requested per connection at Authorize time
// - managed storage schema so a district can configure every teacher's browser by policy.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage.local.setAccessLevel (secrets stay out of content scripts) needs Chrome 102;
    // 116 is the first version whose MV3 service worker lifetime rules we rely on.
    minimum_chrome_version: '116',
    permissions: ['storage'],
    storage: { managed_schema: 'managed-schema.json' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extName__' },
  },
});
