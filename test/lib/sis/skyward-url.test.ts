import { describe, expect, it } from 'vitest';
import { composeSkywardApiUrl } from '@/lib/sis/skyward-url';

describe('composeSkywardApiUrl', () => {
  it.each([
    // The example in Google's admin article.
    ['https://esdemo1.skyward.com', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    ['https://esdemo1.skyward.com/', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [' https://esdemo1.skyward.com// ', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [
      'https://skyward.district.org/scripts',
      'https://skyward.district.org/scripts/api/ims/oneroster/v1p1/',
    ],
    // Pasted with /api already (ClassLink's recipe), or the full API URL.
    ['https://esdemo1.skyward.com/api', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    ['https://esdemo1.skyward.com/api/', 'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/'],
    [
      'https://esdemo1.skyward.com/api/ims/oneroster/v1p1',
      'https://esdemo1.skyward.com/api/ims/oneroster/v1p1/',
    ],
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000/api/ims/oneroster/v1p1/'],
  ])('%j → %j', (applicationUrl, apiUrl) => {
    expect(composeSkywardApiUrl(applicationUrl)).toBe(apiUrl);
  });

  it.each(['', 'esdemo1', 'mailto:it@district.org', 'javascript:alert(1)'])(
    'leaves %j alone (not an address)',
    (text) => {
      expect(composeSkywardApiUrl(text)).toBeUndefined();
    },
  );
});
