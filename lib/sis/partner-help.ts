/**
 * What the options page tells an admin about each SIS: its availability, where the Host URL and
 * token URL come from, and where to find the credentials (sources in partners.ts). Apart from the
 * profiles because only the options page shows these texts; the background loads partners.ts too.
 * Texts are thunks over `t('…')`, read in the browser's language when shown.
 */
import { t } from '../i18n/t';
import type { PartnerId } from './partners';

export interface PartnerHelp {
  /** Availability, in the words of the seed's partner-status table. */
  status(): string;
  /** Where the Host URL comes from, shown under the field. */
  hostUrlHelp(): string;
  /** Where the token URL comes from (OAuth 2). */
  tokenUrlHelp(): string;
  /** "Where to find these credentials", one sentence per step. */
  guide(): string[];
}

const PARTNER_HELP: Readonly<Record<PartnerId, PartnerHelp>> = {
  'infinite-campus': {
    status: () => t('partnerStatusInfiniteCampus'),
    hostUrlHelp: () => t('hostUrlHelpInfiniteCampus'),
    tokenUrlHelp: () => t('tokenUrlHelpInfiniteCampus'),
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
    guide: () => [t('guideAeries1'), t('guideAeries2'), t('guideAeries3')],
  },
  aspen: {
    status: () => t('partnerStatusAspen'),
    hostUrlHelp: () => t('hostUrlHelpGeneric'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    guide: () => [t('guideAspen1'), t('guideAspen2'), t('guideAspen3')],
  },
  'capita-sims': {
    status: () => t('partnerStatusContactSis'),
    hostUrlHelp: () => t('hostUrlHelpGeneric'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    guide: () => [t('guideCapitaSims1'), t('guideCapitaSims2')],
  },
  other: {
    status: () => t('partnerStatusOther'),
    hostUrlHelp: () => t('hostUrlHelpOther'),
    tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
    guide: () => [t('guideOther1'), t('guideOther2'), t('guideOther3')],
  },
};

export function partnerHelp(id: PartnerId): PartnerHelp {
  return PARTNER_HELP[id];
}
