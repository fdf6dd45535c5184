// The main job until the sandbox-backed demo lands: build the extension and say how to load it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
const dir = resolve('.output/chrome-mv3');
console.log(`
Built the extension into ${dir}

Load it into Chrome or Chromium:
  1. Open chrome://extensions and switch on "Developer mode".
  2. Click "Load unpacked" and choose ${dir}
  3. Open the extension's options (Details → Extension options) for the admin page, or any
     class on https://classroom.google.com for the teacher panel.
`);
