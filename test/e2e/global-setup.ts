/**
 * Builds the extension twice before the end-to-end tests: the production build (`npm run build`,
 * what ships; its manifest is checked) and the e2e build (`--mode e2e`, identical but pre-granted
 * the loopback sandbox SIS, since a test cannot click Chromium's permission prompt), which the
 * tests load.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHROMIUM } from './support/browser';

export default function setup() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (or bash .ci/run)`,
    );
  }
  for (const mode of ['production', 'e2e']) {
    execFileSync('npx', ['wxt', 'build', '--mode', mode], {
      cwd: resolve(import.meta.dirname, '../..'),
      stdio: ['ignore', 'ignore', 'inherit'],
      // Vitest sets NODE_ENV=test, which would make the React plugin emit development JSX calls
      // against production React.
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
}
