/**
 * The zod every runtime module uses: `zod/mini`, whose functional API tree-shakes down to what
 * the schemas call (classic zod's method-per-schema API cannot), configured once for the extension.
 * Import `z` from here, never from 'zod/mini' directly: importing it is what guarantees the
 * configuration runs before the importing module builds its first schema.
 *
 * - English issue messages, as classic zod gives by default (zod/mini gives only "Invalid
 *   input"): they reach the user in `invalid-request` replies and the panel's snapshot check.
 * - No JIT: the extension's CSP forbids `new Function`. zod would otherwise probe for it when
 *   the first object schema is built, and Chrome reports the refused eval on the console.
 */
import * as z from 'zod/mini';

z.config({ ...z.locales.en(), jitless: true });

export { z };
