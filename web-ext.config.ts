import { defineWebExtConfig } from 'wxt';

// `wxt` (dev) would otherwise launch Chromium itself, which fails as root on these machines.
// Load .output/chrome-mv3-dev by hand instead (see README).
export default defineWebExtConfig({ disabled: true });
