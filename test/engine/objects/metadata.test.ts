import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import {
  assertMetadataName,
  decodeMetadataValue,
  encodeMetadataValue,
} from '../../../src-main/engine/objects/metadata.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { runFerry } from '../../support/cli.js';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

describe('user metadata values', () => {
  it('are sent as they are when plain ASCII', () => {
    expect(encodeMetadataValue('Ana Souza, 42')).toBe('Ana Souza, 42');
    expect(encodeMetadataValue('')).toBe('');
  });

  it('are RFC 2047 encoded-words when not, as the AWS console writes them', () => {
    expect(encodeMetadataValue('Zoë Ferreira')).toBe('=?UTF-8?B?Wm/DqyBGZXJyZWlyYQ==?=');
    for (const value of [
      'Zoë Ferreira',
      '日本語',
      'tab\there',
      ' padded ',
      '=?UTF-8?B?eA==?=',
      '🚢',
    ]) {
      expect(decodeMetadataValue(encodeMetadataValue(value))).toBe(value);
    }
  });

  it('decode what other tools write: Q encoding, other charsets, several words', () => {
    expect(decodeMetadataValue('=?utf-8?Q?Zo=C3=AB_Ferreira?=')).toBe('Zoë Ferreira');
    expect(decodeMetadataValue('=?ISO-8859-1?Q?Jo=E3o?=')).toBe('João');
    expect(decodeMetadataValue('=?UTF-8?B?Wm/Dqw==?= =?UTF-8?B?IEZlcnJlaXJh?=')).toBe(
      'Zoë Ferreira',
    );
    expect(decodeMetadataValue('by =?UTF-8?B?Wm/Dqw==?= today')).toBe('by Zoë today');
    // Not an encoded-word, or a broken one: shown as stored.
    expect(decodeMetadataValue('a=?b')).toBe('a=?b');
    expect(decodeMetadataValue('=?UTF-8?B?***?=')).toBe('=?UTF-8?B?***?=');
  });
});

describe('user metadata names', () => {
  it('are HTTP tokens; anything else is refused, naming the character', () => {
    for (const ok of ['author', 'Project-ID', "a.b_c~d!e#f$g%h&i'j*k+l^m`n|o"]) {
      expect(() => assertMetadataName(ok)).not.toThrow();
    }
    const cases: [string, string][] = [
      ['autor é', '" " (U+0020)'],
      ['autoré', '"é" (U+00E9)'],
      ['a:b', '":" (U+003A)'],
      ['a\tb', 'U+0009'],
      ['(x)', '"(" (U+0028)'],
    ];
    for (const [name, char] of cases) {
      let error: unknown;
      try {
        assertMetadataName(name);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'InvalidRequest',
        key: 'object.badMetadataName',
        params: { name, char },
        message: `"${name}" cannot be a metadata name: ${char} is not allowed.`,
      });
    }
  });
});

describe('non-ASCII metadata on the server', () => {
  const s3 = rawClient();
  let engine: Engine;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const profileId = 'environment';

  beforeAll(async () => {
    engine = await gatewayEngine();
    bucket = await createTestBucket('meta');
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'report.pdf', Body: 'pdf' }));
  });
  afterAll(async () => {
    // Through Ferry: the plain SDK's DeleteObjects carries no Content-MD5, which Swift refuses.
    await runFerry(['rb', '--force', `s3://${bucket.name}`], tempConfigDir());
    await engine.dispose();
  });

  it('an Author of "Zoë Ferreira" is saved, stored encoded, and shown decoded', async () => {
    const out = await call(engine, 'objects.updateMetadata', {
      profileId,
      bucket: bucket.name,
      key: 'report.pdf',
      metadata: { author: 'Zoë Ferreira', city: 'São Paulo', plain: 'ascii' },
    });
    expect(out.metadata).toEqual({ author: 'Zoë Ferreira', city: 'São Paulo', plain: 'ascii' });
    const stored = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'report.pdf' }));
    expect(stored.Metadata).toEqual({
      author: '=?UTF-8?B?Wm/DqyBGZXJyZWlyYQ==?=',
      city: '=?UTF-8?B?U8OjbyBQYXVsbw==?=',
      plain: 'ascii',
    });
    const head = await call(engine, 'objects.head', {
      profileId,
      bucket: bucket.name,
      key: 'report.pdf',
    });
    expect(head.metadata['author']).toBe('Zoë Ferreira');

    const dir = tempConfigDir();
    const stat = await runFerry(['stat', `s3://${bucket.name}/report.pdf`], dir);
    expect(stat.stdout).toMatch(/x-amz-meta-author:\s+Zoë Ferreira$/m);
    const json = await runFerry(['stat', '--json', `s3://${bucket.name}/report.pdf`], dir);
    expect((JSON.parse(json.stdout) as { metadata: Record<string, string> }).metadata).toEqual({
      author: 'Zoë Ferreira',
      city: 'São Paulo',
      plain: 'ascii',
    });
  });

  it('a content header HTTP cannot carry is refused, naming the character', async () => {
    const error = await failureOf(
      call(engine, 'objects.updateMetadata', {
        profileId,
        bucket: bucket.name,
        key: 'report.pdf',
        contentDisposition: 'attachment; filename="relatório.pdf"',
      }),
    );
    expect(error.code).toBe('InvalidRequest');
    expect(error.message).toBe(
      'The Content-Disposition value cannot hold "ó" (U+00F3): HTTP headers are plain ASCII.',
    );
  });

  it('a name S3 cannot carry is refused before anything is sent, naming the character', async () => {
    const error = await failureOf(
      call(engine, 'objects.updateMetadata', {
        profileId,
        bucket: bucket.name,
        key: 'report.pdf',
        metadata: { 'data de criação': '2026' },
      }),
    );
    expect(error.code).toBe('InvalidRequest');
    expect(error.message).toBe(
      '"data de criação" cannot be a metadata name: " " (U+0020) is not allowed.',
    );
  });
});
