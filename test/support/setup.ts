import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import pkg from '../../package.json';
import { useLocale } from './fake-i18n';

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
  // The fake browser has no manifest; the built one takes its version from package.json.
  fakeBrowser.runtime.getManifest = () => ({
    manifest_version: 3,
    name: '__MSG_extName__',
    version: pkg.version,
  });
});
