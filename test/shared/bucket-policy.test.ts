import { describe, expect, it } from 'vitest';
import {
  accessOf,
  isKeyPublic,
  parsePolicy,
  withAccess,
  type PolicyDocument,
} from '../../src-shared/bucket-policy.js';
import { enErrors } from '../../src-shared/i18n/errors-en.js';
import { errorText } from '../../src-shared/i18n/error-text.js';

const someoneElses = {
  Sid: 'BackupRole',
  Effect: 'Allow',
  Principal: { AWS: ['arn:aws:iam::123:user/backup'] },
  Action: ['s3:*'],
  Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'],
};

describe('public read per prefix in a bucket policy', () => {
  it("adds Ferry's statements beside someone else's and removes only its own", () => {
    const mine: PolicyDocument = { Version: '2012-10-17', Statement: [someoneElses] };
    const photos = withAccess(mine, 'b', 'photos/', 'public-read');
    const both = withAccess(photos, 'b', 'docs/', 'public-read', true);
    expect(both?.Statement).toHaveLength(4);
    expect(accessOf(both, 'b', 'docs/')).toMatchObject({
      access: 'public-read',
      listing: true,
      publicPrefixes: ['docs/', 'photos/'],
      otherStatements: 1,
    });
    expect(accessOf(both, 'b', 'photos/')).toMatchObject({ access: 'public-read', listing: false });
    // A subfolder of a public folder is public through it; a sibling is not.
    expect(accessOf(both, 'b', 'photos/2024/')).toMatchObject({
      access: 'private',
      coveredBy: 'photos/',
    });
    expect(isKeyPublic(both, 'b', 'photos/2024/cat.jpg')).toBe(true);
    expect(isKeyPublic(both, 'b', 'photo.jpg')).toBe(false);

    const back = withAccess(withAccess(both, 'b', 'docs/', 'private'), 'b', 'photos/', 'private');
    expect(back?.Statement).toEqual([someoneElses]);
    expect(withAccess({ Statement: [] }, 'b', '', 'private')).toBeNull();
  });

  it('replaces its statements when a prefix is set again (no duplicates)', () => {
    const once = withAccess(null, 'b', '', 'public-read', true);
    const twice = withAccess(once, 'b', '', 'public-read', false);
    expect(twice?.Statement).toHaveLength(1);
    expect(twice?.Statement[0]).toMatchObject({
      Action: ['s3:GetObject'],
      Resource: ['arn:aws:s3:::b/*'],
    });
  });
});

describe('a custom policy typed by hand', () => {
  it('is checked before sending, each problem in a catalogue sentence', () => {
    const cases: [string, string][] = [
      ['{"Statement": [', 'policy.notJson'],
      ['[]', 'policy.noStatement'],
      ['{"Version": "2012-10-17", "Statement": []}', 'policy.noStatement'],
      ['{"Version": "2020-01-01", "Statement": [{}]}', 'policy.version'],
      ['{"Statement": [1]}', 'policy.notObject'],
      ['{"Statement": [{"Effect": "allow"}]}', 'policy.noEffect'],
      ['{"Statement": [{"Effect": "Allow"}]}', 'policy.noPrincipal'],
      ['{"Statement": [{"Effect": "Allow", "Principal": "*"}]}', 'policy.noAction'],
      [
        '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}',
        'policy.noResource',
      ],
      [
        '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": 3, "Resource": "*"}]}',
        'policy.notText',
      ],
      [
        '{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other/*"}}',
        'policy.otherBucket',
      ],
    ];
    for (const [text, key] of cases) {
      const { problem } = parsePolicy(text, 'b');
      expect(problem?.key, text).toBe(key);
      const said = errorText({ code: 'InvalidRequest', ...problem! }, 'en', String);
      expect(said, key).toEqual({ message: problem!.message, hint: problem!.hint });
      expect(enErrors[problem!.key]).toBeDefined();
    }
    const good = parsePolicy(
      '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/pub/*"}}',
      'b',
    );
    expect(good.problem).toBeNull();
    expect(good.policy?.Statement).toHaveLength(1);
  });
});
