/**
 * Builds the production extension once before the end-to-end tests: what they load is exactly
 * what `npm run build` ships.
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
  execFileSync('npx', ['wxt', 'build'], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    // Vitest sets NODE_ENV=test, which would make the React plugin emit development JSX calls
    // against production React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
