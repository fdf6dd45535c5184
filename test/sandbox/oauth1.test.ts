/** The sandbox's OAuth 1.0a verifier against published vectors (research §E) and the test signer. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImsxError } from '../../sandbox/imsx.ts';
import { createOAuth1Verifier } from '../../sandbox/oauth1.ts';
import {
  baseStringUri,
  hmacSignature,
  normalizeParameters,
  parseOAuthHeader,
  signatureBaseString,
} from '../../sandbox/oauth1-signature.ts';
import { parseQuery } from '../../sandbox/query.ts';
import { signOAuth1 } from './test-oauth1-signer.ts';

const PHOTOS = 'http://photos.example.net/photos';
const PHOTOS_QUERY: Array<[string, string]> = [
  ['file', 'vacation.jpg'],
  ['size', 'original'],
];
const rfcParams = (extra: Array<[string, string]>): Array<[string, string]> => [
  ...PHOTOS_QUERY,
  ['oauth_consumer_key', 'dpf43f3p2l4k3l03'],
  ['oauth_token', 'nnch734d00sl2jdk'],
  ...extra,
];

describe('RFC 5849 / OAuth Core 1.0a vectors', () => {
  it('RFC 5849 §1.2 (HMAC-SHA1 and HMAC-SHA256)', () => {
    const params = rfcParams([
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131202'],
      ['oauth_nonce', 'chapoH'],
    ]);
    const base = signatureBaseString('GET', PHOTOS, params);
    expect(hmacSignature('HMAC-SHA1', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      'MdpQcU8iPSUjWoN/UDMsK2sui9I=',
    );
    expect(hmacSignature('HMAC-SHA256', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      '7NYnfiUN//Gcjb9IY6/4CCsThBHtV2M8qinB+HZr4js=',
    );
  });

  it('OAuth Core 1.0a appendix A.5 (with oauth_version)', () => {
    const params = rfcParams([
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '1191242096'],
      ['oauth_nonce', 'kllo9940pd9333jh'],
      ['oauth_version', '1.0'],
    ]);
    const base = signatureBaseString('GET', PHOTOS, params);
    expect(hmacSignature('HMAC-SHA1', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      'tR3+Ty81lMeYAr/Fid0kMTYa/WM=',
    );
    expect(hmacSignature('HMAC-SHA256', base, 'kd94hf93k423kf44', 'pfkkdhi9sl3r4s00')).toBe(
      '0gCtTYQAxqCKhIE0sltgx7UgHkAs10vrpuYE7xpRBnE=',
    );
  });

  it('RFC 5849 §3.4.1.3.2 normalized parameters', () => {
    const params = [
      ...parseQuery('b5=%3D%253D&a3=a&c%40=&a2=r%20b'),
      ...parseQuery('c2&a3=2+q'),
      ['oauth_consumer_key', '9djdj82h48djs9d2'],
      ['oauth_token', 'kkk9d7dh3k39sjv7'],
      ['oauth_signature_method', 'HMAC-SHA1'],
      ['oauth_timestamp', '137131201'],
      ['oauth_nonce', '7d8f3e4a'],
    ] as Array<[string, string]>;
    expect(normalizeParameters(params)).toBe(
      'a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7',
    );
  });

  it('base string URI drops default ports and lowercases scheme and host', () => {
    expect(baseStringUri('HTTP', 'Example.COM:80', '/r%20v/X')).toBe('http://example.com/r%20v/X');
    expect(baseStringUri('https', 'www.example.net:8080', '/')).toBe(
      'https://www.example.net:8080/',
    );
  });
});

describe('OneRoster HMAC-SHA256 vectors (research §E)', () => {
  const key = 'InfiniteCampus_demo-key';
  const secret = 's3cr3t!*()';
  const at = 1_700_000_000;
  const vectors = [
    {
      method: 'GET',
      url: 'https://sis.example.org/ims/oneroster/v1p1/teachers?filter=email%3D%27t.one%40school.org%27&limit=100&offset=0',
      signature: 'Ju6hlcBoUvfsHnMGeE7ZL/kKYTvLC4YusI8v3rtgHd8=',
    },
    {
      method: 'GET',
      url: 'https://sis.example.org/ims/oneroster/v1p1/classes/c1/students?limit=100&offset=200&filter=status%3D%27active%27%20AND%20familyName~%27O%27%27Brien%27',
      signature: 'BDXGbDqsbAVK5aTaKpvG/A3be+bBLohm8pGBi7PEeME=',
    },
    {
      method: 'PUT',
      url: 'https://sis.example.org/ims/oneroster/v1p1/lineItems/gc-123-456',
      signature: '7TnnloFQkRFXP3YFeo/9oJrSY9oT34lqODoo6IH8LiU=',
    },
  ];

  for (const v of vectors) {
    it(`${v.method} ${v.url.slice(40, 90)}… verifies, and a replay does not`, () => {
      const signed = signOAuth1({
        method: v.method,
        url: v.url,
        consumerKey: key,
        consumerSecret: secret,
        nonce: 'abc123nonce',
        timestamp: String(at),
      });
      // The independent test signer reproduces the published signature...
      expect(signed.signature).toBe(v.signature);
      // ...and the sandbox verifier accepts exactly that request.
      const verify = createOAuth1Verifier({
        consumerKey: key,
        consumerSecret: secret,
        now: () => at * 1000,
      });
      const u = new URL(v.url);
      const request = {
        method: v.method,
        scheme: 'https',
        host: u.host,
        rawPath: u.pathname,
        rawQuery: u.search.slice(1),
        authorization: signed.header,
      };
      expect(verify(request)).toEqual({ consumerKey: key });
      expect(() => verify(request)).toThrow(/already used/);
    });
  }

  it('the first vector has the documented base string', () => {
    const vector = vectors[0] as (typeof vectors)[number];
    const signed = signOAuth1({
      method: 'GET',
      url: vector.url,
      consumerKey: key,
      consumerSecret: secret,
      nonce: 'abc123nonce',
      timestamp: String(at),
    });
    expect(signed.base).toBe(
      'GET&https%3A%2F%2Fsis.example.org%2Fims%2Foneroster%2Fv1p1%2Fteachers&filter%3Demail%253D%2527t.one%2540school.org%2527%26limit%3D100%26oauth_consumer_key%3DInfiniteCampus_demo-key%26oauth_nonce%3Dabc123nonce%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26oauth_version%3D1.0%26offset%3D0',
    );
  });
});

describe('Authorization header parsing', () => {
  it('decodes values and keeps realm for the caller to drop', () => {
    expect(
      parseOAuthHeader('OAuth realm="x", oauth_signature="a%2Bb%3D", oauth_nonce="n"'),
    ).toEqual([
      ['realm', 'x'],
      ['oauth_signature', 'a+b='],
      ['oauth_nonce', 'n'],
    ]);
    expect(parseOAuthHeader('Bearer abc')).toBeNull();
    expect(() => parseOAuthHeader('OAuth oauth_nonce=unquoted')).toThrow(ImsxError);
  });
});

describe('independence', () => {
  it("no sandbox file imports the extension's code (lib/, @/)", () => {
    const dir = import.meta.dirname;
    const offenders = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .filter((name) => /from '(@\/|(\.\.\/)+lib\/)/.test(readFileSync(join(dir, name), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
