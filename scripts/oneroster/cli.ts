/**
 * `npm run -s oneroster -- <command> …`: the extension's own OneRoster client and auth code from
 * a terminal, for admins debugging a connection and for tests against the sandbox SIS.
 */
import { createAuthenticator } from '../../lib/auth/config';
import { createOneRosterClient } from '../../lib/oneroster/client';
import { HELP, parseCliArgs, UsageError } from './args';
import { COMMANDS } from './commands';

/** Stable JSON for an error: its code when it has one, and its (secret-free) message. */
function errorJson(error: unknown) {
  const { name, message, code, status } = error as {
    name?: string;
    message?: string;
    code?: string;
    status?: number;
  };
  return { error: { code: code ?? name ?? 'error', message: message ?? String(error), status } };
}

async function main(): Promise<number> {
  const invocation = parseCliArgs(process.argv.slice(2), process.env);
  if (invocation === 'help') {
    console.log(HELP);
    return 0;
  }
  const command = COMMANDS[invocation.command];
  if (!command) throw new UsageError(`unknown command "${invocation.command}"`);
  const client = createOneRosterClient({
    baseUrl: invocation.baseUrl,
    version: invocation.version,
    gradebookBaseUrl: invocation.gradebookBaseUrl,
    gradebookHeaders: invocation.gradebookHeaders,
    auth: createAuthenticator(invocation.auth),
    fetch: globalThis.fetch,
    timeoutMs: invocation.timeoutMs,
  });
  const result = await command(client, invocation.args, { all: invocation.all });
  process.stdout.write(`${JSON.stringify(result ?? null, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${JSON.stringify(errorJson(error))}\n`);
    if (error instanceof UsageError) process.stderr.write(`${HELP}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
