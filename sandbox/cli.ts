/**
 * `npm run sandbox -- [flags]`: starts the sandbox SIS and prints exactly one JSON line to stdout
 * (URLs, credentials, teacher email) for scripts to read, then runs until SIGINT/SIGTERM.
 * Warnings and errors go to stderr. Use `npm run -s sandbox` to keep npm's banner off stdout.
 */
import { parseArgs } from 'node:util';
import type { AuthSetting } from './auth.ts';
import type { Faults } from './faults.ts';
import { startSandbox } from './server.ts';

const HELP = `Usage: npm run sandbox -- [flags]
  --port N           listen port on 127.0.0.1 (default 0 = random)
  --prefix PATH      API path prefix (default /api/ims/oneroster/v1p1)
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
  });
  process.stdout.write(
    `${JSON.stringify({
      baseUrl: sandbox.baseUrl,
      tokenUrl: sandbox.tokenUrl,
      oauth1: sandbox.credentials.oauth1,
      oauth2: sandbox.credentials.oauth2,
      teacherEmail: sandbox.teacherEmail,
      auth,
      validation: sandbox.validation,
    })}\n`,
  );
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => fail((err as Error).message));
