/**
 * Command-line arguments of the OneRoster developer CLI → a validated connection.
 * Secrets may come from the environment (ONEROSTER_SECRET) so they stay out of shell history.
 */
import { parseArgs } from 'node:util';
import { type AuthConfig, AuthConfigSchema } from '../../lib/auth/config';

export interface CliInvocation {
  command: string;
  args: string[];
  baseUrl: string;
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
  auth: { type: 'string', default: 'oauth1' },
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

  const extraHeaders = values.header
    ? Object.fromEntries(values.header.map(parseHeader))
    : undefined;
  const mode = values.auth;
  const candidate =
    mode === 'oauth2'
      ? {
          mode,
          tokenUrl: values['token-url'] ?? env.ONEROSTER_TOKEN_URL,
          clientId: values['client-id'] ?? values.key ?? env.ONEROSTER_CLIENT_ID,
          clientSecret: values['client-secret'] ?? values.secret ?? env.ONEROSTER_SECRET,
          scopes: values.scope,
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
  return { command, args, baseUrl, auth: auth.data, timeoutMs, all: values.all };
}

export const HELP = `Talk to a OneRoster 1.1 SIS with the extension's own client and auth code.

usage: npm run -s oneroster -- <command> [args] --base <OneRoster base URL> [auth flags]

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

auth flags:
  --auth oauth1 --key K --secret S [--signature-method HMAC-SHA256|HMAC-SHA1]
  --auth oauth2 --token-url U --client-id C --client-secret S [--scope X ...]
  --header "Name: value"   extra header, repeatable (e.g. x-vendor-authorization)
  --timeout MS             per-request timeout
environment: ONEROSTER_BASE_URL, ONEROSTER_KEY, ONEROSTER_CLIENT_ID, ONEROSTER_SECRET,
  ONEROSTER_TOKEN_URL (flags win). Output: JSON on stdout; errors as JSON on stderr, exit 1.`;
