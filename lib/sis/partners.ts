/**
 * What the extension knows about each SIS an admin can pick under "Select your SIS": the status
 * from Google's partner table (seed article), the sign-in methods it offers, where its addresses
 * come from, its quirks, and where to find the credentials. Texts are thunks over `t('…')` so
 * they are read in the browser's language when shown, and every key is a literal the locale test
 * can see.
 *
 * Sources: oneroster-research.md §B (Infinite Campus: OAuth 2 only since Campus.2431, token URL
 * with `?appName=`, `x-vendor-authorization` for the gradebook), §C (Skyward: Application URL,
 * Authentication URL, 50-character titles), §D (Aeries: OAuth 2, `<base>/token`), §H (Aspen,
 * Capita SIMS), §I (title limits).
 */
import { t } from '../i18n/t';
import { z } from '../zod';

export const PARTNER_IDS = [
  'infinite-campus',
  'skyward',
  'aeries',
  'aspen',
  'capita-sims',
  'other',
] as const;
export const PartnerIdSchema = z.enum(PARTNER_IDS);
export type PartnerId = z.infer<typeof PartnerIdSchema>;

export const AuthModeSchema = z.enum(['oauth2', 'oauth1']);
export type AuthMode = z.infer<typeof AuthModeSchema>;

export interface PartnerProfile {
  id: PartnerId;
  name(): string;
  /** Availability, in the words of the seed's partner-status table. */
  status(): string;
  /** Sign-in methods the SIS accepts; the first is the default. */
  authModes: readonly [AuthMode, ...AuthMode[]];
  /** Where the Host URL comes from, shown under the field. */
  hostUrlHelp(): string;
  /** Where the token URL comes from (OAuth 2). */
  tokenUrlHelp(): string;
  /** Line item titles longer than this are cut by the SIS (or refused); null when none is known. */
  titleLimit: number | null;
  /** The header the optional "Vendor authorization" field is sent in, for SISs that have one. */
  vendorAuthorizationHeader?: string;
  /** Offers the Application URL helper that composes the Host URL (Skyward). */
  composesHostUrl: boolean;
  /** "Where to find these credentials", one sentence per step. */
  guide(): string[];
}

const IC: PartnerProfile = {
  id: 'infinite-campus',
  name: () => t('partnerInfiniteCampus'),
  status: () => t('partnerStatusInfiniteCampus'),
  // OAuth 1.0 connections "have been disabled and cannot be re-enabled" since Campus.2431.
  authModes: ['oauth2'],
  hostUrlHelp: () => t('hostUrlHelpInfiniteCampus'),
  tokenUrlHelp: () => t('tokenUrlHelpInfiniteCampus'),
  // Canvas' Infinite Campus guide: titles of 30 characters or fewer.
  titleLimit: 30,
  vendorAuthorizationHeader: 'x-vendor-authorization',
  composesHostUrl: false,
  guide: () => [
    t('guideInfiniteCampus1'),
    t('guideInfiniteCampus2'),
    t('guideInfiniteCampus3'),
    t('guideInfiniteCampus4'),
    t('guideInfiniteCampus5'),
    t('guideInfiniteCampus6'),
  ],
};

const SKYWARD: PartnerProfile = {
  id: 'skyward',
  name: () => t('partnerSkyward'),
  status: () => t('partnerStatusSkyward'),
  // Skyward's API Configuration lists an Authentication URL (the token URL); OAuth 1.0a is kept
  // for on-premises servers configured that way (research §C: unconfirmed which is used).
  authModes: ['oauth2', 'oauth1'],
  hostUrlHelp: () => t('hostUrlHelpSkyward'),
  tokenUrlHelp: () => t('tokenUrlHelpSkyward'),
  titleLimit: 50,
  composesHostUrl: true,
  guide: () => [
    t('guideSkyward1'),
    t('guideSkyward2'),
    t('guideSkyward3'),
    t('guideSkyward4'),
    t('guideSkyward5'),
    t('guideSkyward6'),
    t('guideSkyward7'),
  ],
};

const AERIES: PartnerProfile = {
  id: 'aeries',
  name: () => t('partnerAeries'),
  status: () => t('partnerStatusContactSis'),
  // "The OneRoster 1.1 standard uses OAuth 2.0 Bearer Token Authorization" (Aeries support).
  authModes: ['oauth2'],
  hostUrlHelp: () => t('hostUrlHelpAeries'),
  tokenUrlHelp: () => t('tokenUrlHelpAeries'),
  titleLimit: null,
  composesHostUrl: false,
  guide: () => [t('guideAeries1'), t('guideAeries2'), t('guideAeries3')],
};

const ASPEN: PartnerProfile = {
  id: 'aspen',
  name: () => t('partnerAspen'),
  status: () => t('partnerStatusAspen'),
  authModes: ['oauth2', 'oauth1'],
  hostUrlHelp: () => t('hostUrlHelpGeneric'),
  tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
  titleLimit: null,
  composesHostUrl: false,
  guide: () => [t('guideAspen1'), t('guideAspen2'), t('guideAspen3')],
};

const CAPITA_SIMS: PartnerProfile = {
  id: 'capita-sims',
  name: () => t('partnerCapitaSims'),
  status: () => t('partnerStatusContactSis'),
  authModes: ['oauth2', 'oauth1'],
  hostUrlHelp: () => t('hostUrlHelpGeneric'),
  tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
  titleLimit: null,
  composesHostUrl: false,
  guide: () => [t('guideCapitaSims1'), t('guideCapitaSims2')],
};

const OTHER: PartnerProfile = {
  id: 'other',
  name: () => t('partnerOther'),
  status: () => t('partnerStatusOther'),
  // 1EdTech deprecated OAuth 1.0a for OneRoster in 2023; older servers still sign with it.
  authModes: ['oauth2', 'oauth1'],
  hostUrlHelp: () => t('hostUrlHelpOther'),
  tokenUrlHelp: () => t('tokenUrlHelpGeneric'),
  titleLimit: null,
  composesHostUrl: false,
  guide: () => [t('guideOther1'), t('guideOther2'), t('guideOther3')],
};

/** Every profile, in the order of the "Select your SIS" list (Google's order, "Other" last). */
export const PARTNERS: Readonly<Record<PartnerId, PartnerProfile>> = {
  'infinite-campus': IC,
  skyward: SKYWARD,
  aeries: AERIES,
  aspen: ASPEN,
  'capita-sims': CAPITA_SIMS,
  other: OTHER,
};

export function partnerProfile(id: PartnerId): PartnerProfile {
  return PARTNERS[id];
}

/** The sign-in method to use for `partner`: `wanted` when the SIS offers it, else its default. */
export function authModeFor(partner: PartnerId, wanted?: AuthMode): AuthMode {
  const { authModes } = PARTNERS[partner];
  return wanted && authModes.includes(wanted) ? wanted : authModes[0];
}
