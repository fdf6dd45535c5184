/**
 * The background's own check before it links a class or exports: hidden buttons in the panel are
 * not a permission check. Teachers may export only while an SIS is connected AND the admin's
 * "Enable export of coursework and grades" is on (Google's admin article: with it off, teachers
 * can neither link classes nor export).
 */
import { RequestError } from '../errors';
import { t } from '../i18n/t';
import { type PolicyReader, readSettings } from './read-settings';
import type { ResolvedSettings } from './resolve-settings';

/** Why exporting is refused, or null when it is allowed. */
export function exportRefusal(
  settings: Pick<ResolvedSettings, 'connected' | 'exportEnabled'>,
): RequestError | null {
  if (!settings.connected) return new RequestError('not-connected', t('errorNotConnected'));
  if (!settings.exportEnabled) return new RequestError('export-disabled', t('errorExportDisabled'));
  return null;
}

/**
 * Resolves when teachers may link and export; otherwise throws a RequestError ('not-connected'
 * or 'export-disabled') whose text the panel can show as is.
 */
export async function assertTeacherMayExport(readPolicy?: PolicyReader): Promise<void> {
  const refusal = exportRefusal(await readSettings(readPolicy));
  if (refusal) throw refusal;
}
