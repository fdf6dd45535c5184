import { describe, expect, it } from 'vitest';
import { partnerHelp } from '@/lib/sis/partner-help';
import { authModeFor, PARTNER_IDS, PARTNERS, partnerProfile } from '@/lib/sis/partners';
import { LOCALES, useLocale } from '../../support/fake-i18n';

const profiles = PARTNER_IDS.map((id) => [id, partnerProfile(id)] as const);

describe('partner profiles', () => {
  it('lists the seed article’s partners, in its order, then any other OneRoster server', () => {
    expect(PARTNER_IDS).toEqual([
      'infinite-campus',
      'skyward',
      'aeries',
      'aspen',
      'capita-sims',
      'other',
    ]);
    expect(Object.keys(PARTNERS)).toEqual([...PARTNER_IDS]);
  });

  it.each(profiles)('%s has every field', (id, profile) => {
    expect(profile.id).toBe(id);
    expect(profile.authModes.length).toBeGreaterThan(0);
    expect(new Set(profile.authModes).size).toBe(profile.authModes.length);
    expect(profile.titleLimit === null || profile.titleLimit > 0).toBe(true);
    expect(typeof profile.composesHostUrl).toBe('boolean');
    const help = partnerHelp(id);
    for (const text of [profile.name, help.status, help.hostUrlHelp, help.tokenUrlHelp]) {
      expect(typeof text).toBe('function');
    }
    expect(help.guide().length).toBeGreaterThanOrEqual(2);
  });

  it.each(
    profiles.flatMap(([id, profile]) =>
      (['en', 'nl'] as const).map((locale) => [id, locale, profile] as const),
    ),
  )('%s reads in %s: every text and guide step is translated', (id, locale, profile) => {
    useLocale(locale);
    const help = partnerHelp(id);
    const texts = [
      profile.name(),
      help.status(),
      help.hostUrlHelp(),
      help.tokenUrlHelp(),
      ...help.guide(),
    ];
    const keys = new Set(Object.keys(LOCALES[locale]));
    for (const text of texts) {
      // t() answers with the key itself when a message is missing.
      expect(keys.has(text)).toBe(false);
      expect(text.trim()).not.toBe('');
    }
    expect(new Set(help.guide()).size).toBe(help.guide().length);
  });

  it('follows Infinite Campus: OAuth 2 only (OAuth 1.0 disabled since Campus.2431), vendor header, 30-character titles', () => {
    const ic = partnerProfile('infinite-campus');
    expect(ic.authModes).toEqual(['oauth2']);
    expect(ic.vendorAuthorizationHeader).toBe('x-vendor-authorization');
    expect(ic.titleLimit).toBe(30);
    expect(partnerHelp('infinite-campus').tokenUrlHelp()).toContain('?appName=');
  });

  it('gives Skyward the Application URL helper, both sign-in methods and 50-character titles', () => {
    const skyward = partnerProfile('skyward');
    expect(skyward.composesHostUrl).toBe(true);
    expect(skyward.authModes).toEqual(['oauth2', 'oauth1']);
    expect(skyward.titleLimit).toBe(50);
    expect(PARTNER_IDS.filter((id) => PARTNERS[id].composesHostUrl)).toEqual(['skyward']);
  });

  it('offers only OAuth 2 for Aeries, which documents bearer tokens only', () => {
    expect(partnerProfile('aeries').authModes).toEqual(['oauth2']);
  });

  it('says "contact your SIS" for Capita SIMS and Aeries, and mentions the pilot for Aspen', () => {
    expect(partnerHelp('capita-sims').status()).toBe(
      'Contact your SIS for information about the integration.',
    );
    expect(partnerHelp('aeries').status()).toBe(partnerHelp('capita-sims').status());
    expect(partnerHelp('aspen').status()).toContain('pilot');
  });

  it.each([
    ['infinite-campus', 'oauth1', 'oauth2'],
    ['infinite-campus', undefined, 'oauth2'],
    ['skyward', 'oauth1', 'oauth1'],
    ['skyward', undefined, 'oauth2'],
    ['other', 'oauth1', 'oauth1'],
  ] as const)('authModeFor(%s, %s) is %s', (partner, wanted, mode) => {
    expect(authModeFor(partner, wanted)).toBe(mode);
  });
});
