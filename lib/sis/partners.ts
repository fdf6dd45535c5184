/**
 * What the extension knows about each SIS an admin can pick under "Select your SIS": its name,
 * the sign-in methods it offers and its quirks. The options page's help texts about it (status
 * from Google's partner table, where the addresses and credentials come from) are in
 * partner-help.ts. Names are thunks over `t('…')`, read in the browser's language when shown.
 *
 * Sources: oneroster-research.md §B (Infinite Campus: OAuth 2 only since Campus.2431, token URL
 * with `?appName=`, `x-vendor-authorization` for the gradebook), §C (Skyward: Application URL,
 * Authentication URL, 50-character titles), §D (Aeries: OAuth 2, `<base>/token`), §H (Aspen,
 * Capita SIMS), §I (title limits).
 */
import { t } from '../i18n/t';
import type { OneRosterVersion } from '../oneroster/version';
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
  /** Sign-in methods the SIS accepts; the first is the default. */
  authModes: readonly [AuthMode, ...AuthMode[]];
  /** Line item titles longer than this are cut by the SIS (or refused); null when none is known. */
  titleLimit: number | null;
  /** The header the optional "Vendor authorization" field is sent in, for SISs that have one. */
  vendorAuthorizationHeader?: string;
  /** Offers the Application URL helper that composes the Host URL (Skyward). */
  composesHostUrl: boolean;
  /** OneRoster versions the SIS offers; the first is the default for a new connection. */
  versions: readonly [OneRosterVersion, ...OneRosterVersion[]];
  /** Versions in which every line item needs a real SIS category (no placeholder, no "none"). */
  realCategoryRequired: readonly OneRosterVersion[];
}

const IC: PartnerProfile = {
  id: 'infinite-campus',
  name: () => t('partnerInfiniteCampus'),
  // OAuth 1.0 connections "have been disabled and cannot be re-enabled" since Campus.2431.
  authModes: ['oauth2'],
  // Canvas' Infinite Campus guide: titles of 30 characters or fewer.
  titleLimit: 30,
  vendorAuthorizationHeader: 'x-vendor-authorization',
  composesHostUrl: false,
  // IC offers 1.1 or 1.2 per vendor connection; 1.2 needs a real category (oneroster-1.2.md I2, I4).
  versions: ['1.2', '1.1'],
  realCategoryRequired: ['1.2'],
};

const SKYWARD: PartnerProfile = {
  id: 'skyward',
  name: () => t('partnerSkyward'),
  // Skyward's API Configuration lists an Authentication URL (the token URL); OAuth 1.0a is kept
  // for on-premises servers configured that way (research §C: unconfirmed which is used).
  authModes: ['oauth2', 'oauth1'],
  titleLimit: 50,
  composesHostUrl: true,
  // Only 1.1 is documented; 1.2 paths are unverified (oneroster-1.2.md V3).
  versions: ['1.1', '1.2'],
  realCategoryRequired: [],
};

const AERIES: PartnerProfile = {
  id: 'aeries',
  name: () => t('partnerAeries'),
  // "The OneRoster 1.1 standard uses OAuth 2.0 Bearer Token Authorization" (Aeries support).
  authModes: ['oauth2'],
  titleLimit: null,
  composesHostUrl: false,
  // Aeries documents OneRoster 1.1 endpoints only (oneroster-1.2.md V1).
  versions: ['1.1'],
  realCategoryRequired: [],
};

const ASPEN: PartnerProfile = {
  id: 'aspen',
  name: () => t('partnerAspen'),
  authModes: ['oauth2', 'oauth1'],
  titleLimit: null,
  composesHostUrl: false,
  // Only 1.1 seen (oneroster-1.2.md V2).
  versions: ['1.1'],
  realCategoryRequired: [],
};

const CAPITA_SIMS: PartnerProfile = {
  id: 'capita-sims',
  name: () => t('partnerCapitaSims'),
  authModes: ['oauth2', 'oauth1'],
  titleLimit: null,
  composesHostUrl: false,
  versions: ['1.1', '1.2'],
  realCategoryRequired: [],
};

const OTHER: PartnerProfile = {
  id: 'other',
  name: () => t('partnerOther'),
  // 1EdTech deprecated OAuth 1.0a for OneRoster in 2023; older servers still sign with it.
  authModes: ['oauth2', 'oauth1'],
  titleLimit: null,
  composesHostUrl: false,
  versions: ['1.1', '1.2'],
  realCategoryRequired: [],
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

/** Whether every line item must carry a real SIS category on this SIS and version (IC 1.2). */
export function realCategoryRequired(partner: PartnerId, version: OneRosterVersion): boolean {
  return PARTNERS[partner].realCategoryRequired.includes(version);
}
