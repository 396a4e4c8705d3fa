/**
 * zod compiles its object parsers with `new Function` where it may, and finds out whether it may
 * by trying once. The renderer's Content-Security-Policy has no 'unsafe-eval', so that try is a
 * CSP violation (a `securitypolicyviolation` event, and a report wherever reports go) even though
 * zod catches the throw. Jitless mode skips the try; it parses the same, only without the compiled
 * fast path, which the renderer's few small forms do not need.
 *
 * Imported first by every renderer module that parses with a schema (the on-demand modules that
 * eslint.config.mjs lets import one), so it runs before their first parse;
 * test/unit/renderer/lib/zod-jitless.test.ts fails on a module that does not.
 */
import { config } from 'zod'

config({ jitless: true })
