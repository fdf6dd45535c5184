/** The HTML pages of the fake accounts.google.com: the consent screen and the error page. */
import { SCOPES } from './scopes.ts';

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Google's consent texts for each scope (docs.rs google-classroom1 Scope; classroom-evidence.md §2.3). */
const SCOPE_TEXT: Record<string, string> = {
  [SCOPES.coursesReadonly]: 'View your Google Classroom classes',
  [SCOPES.rostersReadonly]: 'View your Google Classroom class rosters',
  [SCOPES.profileEmails]: 'View the email addresses of people in your classes',
  [SCOPES.courseworkStudentsReadonly]:
    'View course work and grades for students in the Google Classroom classes you teach or administer',
};

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px Roboto,Arial,sans-serif;color:#202124;max-width:480px;margin:48px auto}
li{margin:8px 0}button{margin-right:12px;padding:8px 24px}</style></head>
<body>${body}</body></html>`;

export function consentPage(input: {
  transaction: string;
  clientId: string;
  account: { email: string; name: string };
  scopes: readonly string[];
}): string {
  const items = input.scopes
    .map(
      (scope) =>
        `<li><label><input type="checkbox" name="scope" value="${escapeHtml(scope)}" checked> ` +
        `${escapeHtml(SCOPE_TEXT[scope] ?? scope)}</label></li>`,
    )
    .join('');
  return page(
    'Sign in - Google Accounts',
    `<h1>Sign in with Google</h1>
<p>An app (client <code>${escapeHtml(input.clientId)}</code>) wants to access your Google Account</p>
<p id="account"><strong>${escapeHtml(input.account.name)}</strong> ${escapeHtml(input.account.email)}</p>
<form method="post" action="/o/oauth2/v2/auth/consent">
<input type="hidden" name="tx" value="${escapeHtml(input.transaction)}">
<input type="hidden" name="granular" value="1">
<p>This will allow the app to:</p><ul>${items}</ul>
<button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="allow">Allow</button>
</form>`,
  );
}

/** Google's "Access blocked" page: the error code is shown, nothing is sent back to the app. */
export function errorPage(code: number, error: string, detail: string): string {
  return page(
    'Error',
    `<h1>Access blocked: Authorization Error</h1>
<p id="error">Error ${code}: ${escapeHtml(error)}</p>
<p>${escapeHtml(detail)}</p>`,
  );
}
