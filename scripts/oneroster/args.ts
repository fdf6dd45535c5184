/**
 * Command-line arguments of the OneRoster developer CLI → a validated connection.
 * Secrets may come from the environment (ONEROSTER_SECRET) so they stay out of shell history.
 */
import { parseArgs } from 'node:util';
import { type AuthConfig, AuthConfigSchema } from '../../lib/auth/config';
import { ONEROSTER_VERSIONS, type OneRosterVersion, scopesFor } from '../../lib/oneroster/version';

export interface CliInvocation {
  command: string;
  args: string[];
  baseUrl: string;
  version: OneRosterVersion;
  /** 1.2: the gradebook service base, when not the one derived from `baseUrl`. */
  gradebookBaseUrl?: string;
  /** Headers for gradebook requests only (Infinite Campus's x-vendor-authorization). */
  gradebookHeaders?: Record<string, string>;
  auth: AuthConfig;
  timeoutMs?: number;
  /** classes: include inactive classes. */
  all: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const OPTIONS = {
  base: { type: 'string' },
  oneroster: { type: 'string', default: '1.1' },
  'gradebook-base': { type: 'string' },
  'gradebook-header': { type: 'string', multiple: true },
  auth: { type: 'string' },
  key: { type: 'string' },
  secret: { type: 'string' },
  'signature-method': { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  scope: { type: 'string', multiple: true },
  header: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  all: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' },
} as const;

/** "Name: value" → [name, value]. */
function parseHeader(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon <= 0)
    throw new UsageError(`--header must look like "Name: value", got ${JSON.stringify(text)}`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliInvocation | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [command = '', ...args] = positionals;
  const baseUrl = values.base ?? env.ONEROSTER_BASE_URL;
  if (!baseUrl) throw new UsageError('--base (or ONEROSTER_BASE_URL) is required');

  const version = ONEROSTER_VERSIONS.find((v) => v === values.oneroster);
  if (!version) throw new UsageError('--oneroster must be 1.1 or 1.2');
  const headers = (list: string[] | undefined) =>
    list ? Object.fromEntries(list.map(parseHeader)) : undefined;
  const extraHeaders = headers(values.header);
  const gradebookHeaders = headers(values['gradebook-header']);
  // 1.2 is OAuth 2 only (its default); 1.1 defaults to OAuth 1.0a as before.
  const mode = values.auth ?? (version === '1.2' ? 'oauth2' : 'oauth1');
  if (version === '1.2' && mode === 'oauth1') {
    throw new UsageError('OneRoster 1.2 uses OAuth 2 only: drop --auth oauth1');
  }
  const candidate =
    mode === 'oauth2'
      ? {
          mode,
          tokenUrl: values['token-url'] ?? env.ONEROSTER_TOKEN_URL,
          clientId: values['client-id'] ?? values.key ?? env.ONEROSTER_CLIENT_ID,
          clientSecret: values['client-secret'] ?? values.secret ?? env.ONEROSTER_SECRET,
          scopes: values.scope ?? scopesFor(version),
          extraHeaders,
        }
      : {
          mode,
          consumerKey: values.key ?? env.ONEROSTER_KEY,
          consumerSecret: values.secret ?? env.ONEROSTER_SECRET,
          signatureMethod: values['signature-method'],
          extraHeaders,
        };
  const auth = AuthConfigSchema.safeParse(candidate);
  if (!auth.success) {
    const fields = auth.error.issues.map((issue) => issue.path.join('.') || issue.message);
    throw new UsageError(`Missing or invalid connection settings: ${fields.join(', ')}`);
  }
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError('--timeout must be > 0 ms');
  return {
    command,
    args,
    baseUrl,
    version,
    ...(values['gradebook-base'] ? { gradebookBaseUrl: values['gradebook-base'] } : {}),
    ...(gradebookHeaders ? { gradebookHeaders } : {}),
    auth: auth.data,
    timeoutMs,
    all: values.all,
  };
}

export const HELP = `Talk to a OneRoster 1.1 or 1.2 SIS with the extension's own client and auth code.

usage: npm run -s oneroster -- <command> [args] --base <OneRoster base URL> [version] [auth flags]

commands:
  check                              connection check (org name when allowed)
  teacher <email>                    teachers with this email
  classes <teacherSourcedId> [--all] the teacher's classes (active only unless --all)
  class <classSourcedId>             one class, with its terms
  students <classSourcedId>          students of a class
  categories [classSourcedId]        grading categories (of a class, or all)
  grading-periods <termSourcedId>    grading periods of a term
  line-items <classSourcedId>        line items of a class
  results <classSourcedId> [lineItemSourcedId]

version:
  --oneroster 1.1|1.2      default 1.1. With 1.2, --base is the root (…/ims/oneroster) or
                           either service base; rostering and gradebook bases are derived
  --gradebook-base URL     1.2: the gradebook service base, when hosted apart
  --gradebook-header "Name: value"   header for gradebook requests only, repeatable

auth flags (1.2: OAuth 2 only, default scopes the four …/or/v1p2/scope/… ones):
  --auth oauth1 --key K --secret S [--signature-method HMAC-SHA256|HMAC-SHA1]
  --auth oauth2 --token-url U --client-id C --client-secret S [--scope X ...]
  --header "Name: value"   extra header, repeatable (e.g. x-vendor-authorization)
  --timeout MS             per-request timeout
environment: ONEROSTER_BASE_URL, ONEROSTER_KEY, ONEROSTER_CLIENT_ID, ONEROSTER_SECRET,
  ONEROSTER_TOKEN_URL (flags win). Output: JSON on stdout; errors as JSON on stderr, exit 1.`;
