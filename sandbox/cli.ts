/**
 * `npm run sandbox -- [flags]`: starts the sandbox SIS and prints exactly one JSON line to stdout
 * (URLs, credentials, teacher email) for scripts to read, then runs until SIGINT/SIGTERM.
 * Warnings and errors go to stderr. Use `npm run -s sandbox` to keep npm's banner off stdout.
 * It always serves both OneRoster 1.1 and 1.2; `--oneroster` picks which one `baseUrl` and
 * `tokenUrl` name (the other is in `oneRoster11` / `oneRoster12`).
 */
import { parseArgs } from 'node:util';
import type { AuthSetting } from './auth.ts';
import type { Faults } from './faults.ts';
import type { V1p2Mode } from './options.ts';
import { startSandbox } from './server.ts';

const HELP = `Usage: npm run sandbox -- [flags]
  --oneroster V      1.1 | 1.2: which version baseUrl/tokenUrl name (default 1.1; both are served).
                     1.2: baseUrl is IC's root …/campus/api/oneroster/v1p2/<app>/ims/oneroster,
                     tokenUrl …/campus/oauth2/token?appName=<app> (OAuth 2 only)
  --app-name NAME    IC app name in the 1.2 paths and token URL (default riverside)
  --v1p2-mode MODE   strict | relaxed: 1.2 PUT validation (default strict = the 1.2 OpenAPI;
                     relaxed also accepts what Google's 1.2 conformance suite sends)
  --vendor-authorization KEY:SECRET
                     require this x-vendor-authorization header on gradebook requests
  --port N           listen port on 127.0.0.1 (default 0 = random)
  --prefix PATH      1.1 API path prefix (default /api/ims/oneroster/v1p1)
  --auth MODE        oauth1 | oauth2 | both (default both)
  --token-ttl S      OAuth 2 token lifetime in seconds (default 3600)
  --seed N           data seed (default 1)
  --students N       number of students (default 60)
  --classes N        number of classes (default 8)
  --class-size N     students per class (default: seeded 18–28)
  --school-year Y    year the school year ends in (default: current)
  --latency MS       delay every response by MS milliseconds
  --error-rate X     share (0-1) of API requests answered 500
  --rate-limit X     429 with Retry-After: every Nth request if X >= 1, else a share X of requests
  --retry-after S    Retry-After seconds for 429s (default 1)
  --drop-rate X      share (0-1) of API requests whose connection is dropped
  --title-limit N    truncate stored line item titles to N characters`;

function fail(message: string): never {
  process.stderr.write(`oneroster-sandbox: ${message}\n${HELP}\n`);
  process.exit(2);
}

function num(
  values: Record<string, unknown>,
  name: string,
  min = 0,
  max = Number.POSITIVE_INFINITY,
) {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || n < min || n > max)
    fail(`--${name} must be a number in ${min}..${max}`);
  return n;
}

async function main() {
  const str = { type: 'string' } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: str,
        prefix: str,
        auth: str,
        'token-ttl': str,
        seed: str,
        students: str,
        classes: str,
        'class-size': str,
        'school-year': str,
        latency: str,
        'error-rate': str,
        'rate-limit': str,
        'retry-after': str,
        'drop-rate': str,
        'title-limit': str,
        oneroster: str,
        'app-name': str,
        'v1p2-mode': str,
        'vendor-authorization': str,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const auth = (values.auth ?? 'both') as AuthSetting;
  if (!['oauth1', 'oauth2', 'both'].includes(auth)) fail('--auth must be oauth1, oauth2 or both');
  const version = (values.oneroster ?? '1.1') as string;
  if (!['1.1', '1.2'].includes(version)) fail('--oneroster must be 1.1 or 1.2');
  const v1p2Mode = (values['v1p2-mode'] ?? 'strict') as V1p2Mode;
  if (!['strict', 'relaxed'].includes(v1p2Mode)) fail('--v1p2-mode must be strict or relaxed');
  const vendorAuthorization = values['vendor-authorization'] as string | undefined;
  if (vendorAuthorization !== undefined && !/^[^:\s]+:\S+$/.test(vendorAuthorization))
    fail('--vendor-authorization must be KEY:SECRET');
  const appName = values['app-name'] as string | undefined;
  if (appName !== undefined && !/^[A-Za-z0-9_-]+$/.test(appName))
    fail('--app-name must be letters, digits, - or _');
  const rate = num(values, 'rate-limit', 0);
  const faults: Partial<Faults> = {
    latencyMs: num(values, 'latency') ?? 0,
    errorRate: num(values, 'error-rate', 0, 1) ?? 0,
    dropRate: num(values, 'drop-rate', 0, 1) ?? 0,
    titleLimit: num(values, 'title-limit', 1) ?? null,
    rateLimit:
      rate === undefined || rate === 0
        ? null
        : {
            ...(rate >= 1 ? { every: Math.floor(rate) } : { share: rate }),
            retryAfterSeconds: num(values, 'retry-after') ?? 1,
          },
  };
  const sandbox = await startSandbox({
    port: num(values, 'port', 0, 65535),
    prefix: values.prefix as string | undefined,
    auth,
    tokenTtlSeconds: num(values, 'token-ttl', 1),
    seed: num(values, 'seed'),
    students: num(values, 'students'),
    classes: num(values, 'classes'),
    classSize: num(values, 'class-size', 1),
    schoolYear: num(values, 'school-year', 1900, 9999),
    faults,
    appName,
    v1p2Mode,
    vendorAuthorization,
  });
  const v1p2 = sandbox.oneRoster12;
  process.stdout.write(
    `${JSON.stringify({
      oneroster: version,
      baseUrl: version === '1.2' ? v1p2.root : sandbox.baseUrl,
      tokenUrl: version === '1.2' ? v1p2.tokenUrl : sandbox.tokenUrl,
      oneRoster11: { baseUrl: sandbox.baseUrl, tokenUrl: sandbox.tokenUrl },
      oneRoster12: v1p2,
      v1p2Mode,
      ...(vendorAuthorization === undefined ? {} : { vendorAuthorization }),
      oauth1: sandbox.credentials.oauth1,
      oauth2: sandbox.credentials.oauth2,
      teacherEmail: sandbox.teacherEmail,
      auth,
      validation: sandbox.validation,
      validationV1p2: sandbox.validationV1p2,
    })}\n`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => fail((err as Error).message));
