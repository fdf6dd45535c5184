/**
 * What a browser must still do before its teachers can work, when only that browser can do it
 * (PanelAccess['setup']): Chrome grants an extension access to the SIS's address only from a
 * click on one of its own pages, so even a connection the district policy sets completely has to
 * be authorized once per browser. The panel then points the teacher at the options page instead
 * of telling them to wait for an administrator.
 */
import type { PanelAccess } from '../messaging/replies';
import type { ResolvedSettings } from '../settings/resolve-settings';
import { checkConnectionDraft } from '../sis/connection-draft';
import { authModeFor } from '../sis/partners';

type SetupSettings = Pick<
  ResolvedSettings,
  'connected' | 'managed' | 'policyConnection' | 'secret'
>;

/**
 * `hostAccess`: whether the browser still grants the connection's origins (asked only when
 * connected; undefined otherwise).
 */
export function setupNeeded(
  settings: SetupSettings,
  hostAccess: boolean | undefined,
): PanelAccess['setup'] {
  if (settings.connected) return hostAccess === false ? 'host-access' : undefined;
  if (!settings.managed.active) return undefined;
  // Only when Authorize would go through with nothing typed: otherwise an administrator has to
  // fill in what the policy leaves out, and the panel says so as before.
  const policy = settings.policyConnection;
  const partner = policy.partner ?? 'other';
  const complete = checkConnectionDraft(
    {
      partner,
      hostUrl: policy.hostUrl ?? '',
      authMode: authModeFor(partner, policy.authMode),
      accessKey: policy.accessKey ?? '',
      tokenUrl: policy.tokenUrl,
      signatureMethod: policy.signatureMethod,
    },
    { secretAvailable: settings.secret !== undefined },
  ).ok;
  return complete ? 'authorize' : undefined;
}
