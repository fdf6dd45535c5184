/**
 * What the options page tells an admin about each SIS: its availability, where the Host URL and
 * token URL come from, and where to find the credentials (sources in partners.ts). Apart from the
 * profiles because only the options page shows these texts; the background loads partners.ts too.
 * Texts are thunks over `t('…')`, read in the browser's language when shown.
 */
import { t } from '../i18n/t';
import { infiniteCampusAppName } from '../oneroster/version';
import type { PartnerId } from './partners';

export interface PartnerHelp {
  /** Availability, in the words of the seed's partner-status table. */
  status(): string;
  /** Where the Host URL comes from, shown under the field. */
  hostUrlHelp(): string;
  /** Where the token URL comes from (OAuth 2). */
  tokenUrlHelp(): string;
  /** Which OneRoster versions the SIS offers, and what their URLs look like. */
  versionHelp(): string;
  /** "Where to find these credentials", one sentence per step. */
  guide(): string[];
}

const PARTNER_HELP: Readonly<Record<PartnerId, PartnerHelp>> = {
  'infinite-campus': {
    status: () => t('partnerStatusInfiniteCampus'),
    hostUrlHelp: () => t('hostUrlHelpInfiniteCampus'),
    tokenUrlHelp: () => t('tokenUrlHelpInfiniteCampus'),
    versionHelp: () => t('versionHelpInfiniteCampus'),
    guide: () => [
      t('guideInfiniteCampus1'),
      t('guideInfiniteCampus2'),
      t('guideInfiniteCampus3'),
      t('guideInfiniteCampus4'),
      t('guideInfiniteCampus5'),
      t('guideInfiniteCampus6'),
    ],
  },
  skyward: {
    status: () => t('partnerStatusSkyward'),
    hostUrlHelp: () => t('hostUrlHelpSkyward'),
    tokenUrlHelp: () => t('tokenUrlHelpSkyward'),
    versionHelp: () => t('versionHelpSkyward'),
    guide: () => [
      t('guideSkyward1'),
      t('guideSkyward2'),
      t('guideSkyward3'),
      t('guideSkyward4'),
      t('guideSkyward5'),
      t('guideSkyward6'),
      t('guideSkyward7'),
    ],
  },
  aeries: {
    status: () => t('partnerStatusContactSis'),
    hostUrlHelp: () => t('hostUrlHelpAeries'),
    tokenUrlHelp: () => t('tokenUrlHelpAeries'),
    versionHelp: () => t('versionHelpOneOnly'),
    guide: () => [t('guideAeries1'), t('guideAeries2'), t('guideAeries3')],
  },
  aspen: {
    status: () => t('partnerStatusAspen'),
    hostUrlHelp: () => t('hostUrlHelpGeneric'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    versionHelp: () => t('versionHelpOneOnly'),
    guide: () => [t('guideAspen1'), t('guideAspen2'), t('guideAspen3')],
  },
  'capita-sims': {
    status: () => t('partnerStatusContactSis'),
    hostUrlHelp: () => t('hostUrlHelpGeneric'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    versionHelp: () => t('versionHelpGeneric'),
    guide: () => [t('guideCapitaSims1'), t('guideCapitaSims2')],
  },
  other: {
    status: () => t('partnerStatusOther'),
    hostUrlHelp: () => t('hostUrlHelpOther'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    versionHelp: () => t('versionHelpGeneric'),
    guide: () => [t('guideOther1'), t('guideOther2'), t('guideOther3')],
  },
};

export function partnerHelp(id: PartnerId): PartnerHelp {
  return PARTNER_HELP[id];
}

/**
 * The token URL a pasted Host URL implies, for an SIS whose token endpoint follows from it:
 * Infinite Campus's `https://<host>/campus/oauth2/token?appName=<app>`, `<app>` from the Base
 * URL's path (oneroster-1.2.md §2). Undefined for other SISs, or a URL that names no app.
 */
export function suggestTokenUrl(partner: PartnerId | '', hostUrl: string): string | undefined {
  if (partner !== 'infinite-campus' || !URL.canParse(hostUrl.trim())) return undefined;
  const app = infiniteCampusAppName(hostUrl);
  if (!app) return undefined;
  const { origin } = new URL(hostUrl.trim());
  // The segment is already percent-encoded as a path; in a query it only must not break out.
  return /^[\w.~%-]+$/.test(app) ? `${origin}/campus/oauth2/token?appName=${app}` : undefined;
}
