import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src-main/engine/errors.js';
import { parseEndpoint } from '../../src-main/engine/connection/profile.js';
import { translateError } from '../../src-main/engine/connection/translate.js';
import { assertHeaderValue, assertMetadataName } from '../../src-main/engine/objects/metadata.js';
import { assertBucketName, assertKey } from '../../src-main/engine/objects/names.js';
import { openSource, sourceChanged } from '../../src-main/engine/transfer/source.js';
import { normalisePrefix } from '../../src-main/engine/watch/rules.js';
import { errorKeys } from '../../src-shared/error-keys.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import { bucketNameProblem, objectKeyProblem } from '../../src-shared/s3-names.js';
import { enErrors } from '../../src-shared/i18n/errors-en.js';
import { ptBRErrors } from '../../src-shared/i18n/errors-pt-br.js';
import { errorText } from '../../src-shared/i18n/error-text.js';

const root = path.resolve(import.meta.dirname, '../..');
const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    // The key list and the catalogues name every key; only the places that raise errors count.
    const listing = full.endsWith('error-keys.ts') || full.includes(`${path.sep}i18n${path.sep}`);
    return full.endsWith('.ts') && !listing ? [full] : [];
  });
}
const engineSource = [
  ...sources(path.join(root, 'src-main')),
  ...sources(path.join(root, 'src-shared')),
]
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe('the engine error catalogues', () => {
  it('have a message and a hint for every key the engine can raise, in English and Portuguese', () => {
    for (const [name, catalogue] of [
      ['en', enErrors],
      ['pt-BR', ptBRErrors],
    ] as const) {
      const missing = errorKeys.filter((key) => !(key in catalogue));
      expect(missing, `keys missing from the ${name} catalogue`).toEqual([]);
      expect(Object.keys(catalogue).sort(), `stray keys in ${name}`).toEqual([...errorKeys].sort());
      for (const key of errorKeys) {
        expect(catalogue[key][0].trim(), `${name} ${key} message`).not.toBe('');
        expect(catalogue[key][1].trim(), `${name} ${key} hint`).not.toBe('');
      }
    }
  });

  it('use the same parameters in both languages', () => {
    for (const key of errorKeys) {
      expect(placeholders(ptBRErrors[key].join(' ')), key).toEqual(
        placeholders(enErrors[key].join(' ')),
      );
    }
  });

  it('hold no key the engine never raises (the compiler refuses a key that is not listed)', () => {
    const unused = errorKeys.filter((key) => !engineSource.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });
});

/** Errors the engine really makes, to check that the English catalogue says what the engine says. */
function engineErrors(): FerryErrorData[] {
  const caught = (fn: () => unknown): FerryErrorData => {
    try {
      fn();
    } catch (error) {
      return (error as FerryError).toData();
    }
    throw new Error('expected a FerryError');
  };
  const sdk = (name: string, status?: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  const system = (code: string) => Object.assign(new Error(code), { code });
  const contexts = [{}, { endpoint: 'http://127.0.0.1:9', bucket: 'photos', key: 'a/b.txt' }];
  const raw = [
    system('ECONNREFUSED'),
    system('ENOTFOUND'),
    system('ETIMEDOUT'),
    system('ECONNRESET'),
    system('EPIPE'),
    system('ERR_TLS_CERT_ALTNAME_INVALID'),
    system('EPROTO'),
    system('SELF_SIGNED_CERT_IN_CHAIN'),
    ...[
      'SignatureDoesNotMatch',
      'InvalidAccessKeyId',
      'AccessDenied',
      'RequestTimeTooSkewed',
      'NoSuchBucket',
      'NoSuchKey',
      'NotFound',
      'BucketAlreadyOwnedByYou',
      'BucketAlreadyExists',
      'BucketNotEmpty',
      'InvalidBucketName',
      'EntityTooLarge',
      'PermanentRedirect',
      'PreconditionFailed',
      'SlowDown',
      'ServiceUnavailable',
      'AbortError',
    ].map((name) => sdk(name)),
    sdk('Error', 500),
    sdk('Weird', 502),
    sdk('Error', 418),
    sdk('NotImplemented', 501),
    Object.assign(sdk('Unknown', 501), { $ferryOperation: 'PutBucketCorsCommand' }),
    Object.assign(sdk('InvalidRequest', 400), { Code: 'InvalidRequest', message: 'Missing MD5' }),
    Object.assign(sdk('SignatureDoesNotMatch', 403), {
      $response: { statusCode: 403, headers: { 'x-trans-id': 'tx1' } },
    }),
    Object.assign(sdk('Unknown', 400), {
      $response: { statusCode: 400, headers: { 'x-amz-request-id': 'tx1' } },
    }),
    new Error('boom'),
  ];
  const errors = contexts.flatMap((ctx) => raw.map((e) => translateError(e, ctx).toData()));
  for (const name of [
    'ab',
    'a'.repeat(64),
    'Abc',
    'a_b',
    '-ab',
    'ab-',
    'a..b',
    'a.-b',
    '1.2.3.4',
  ]) {
    errors.push(caught(() => assertBucketName(name, true)));
  }
  errors.push(caught(() => assertBucketName('xn--abc', true)));
  errors.push(caught(() => assertBucketName('abc-s3alias', true)));
  errors.push(caught(() => assertBucketName('has space')));
  for (const key of ['', 'x'.repeat(1100), 'a/../b', 'a//b', '/a', 'a\nb']) {
    errors.push(caught(() => assertKey(key)));
  }
  errors.push(caught(() => assertKey('', false)));
  for (const name of ['autor é', 'a\tb', '']) errors.push(caught(() => assertMetadataName(name)));
  errors.push(caught(() => assertHeaderValue('Content-Type', 'text/plain; é')));
  errors.push(caught(() => assertKey('x'.repeat(1100), false)));
  for (const endpoint of ['not a url', 'ftp://host', 'http://u:p@host', 'http://host/path']) {
    errors.push(caught(() => parseEndpoint(endpoint)));
  }
  for (const how of ['moved', 'replaced', 'shrank', 'grew', 'modified'] as const) {
    errors.push(sourceChanged('/home/ana/scan.pdf', how).toData());
  }
  for (const prefix of ['x'.repeat(1100), 'a\tb/', 'a/../b/', 'a//b']) {
    errors.push(caught(() => normalisePrefix(prefix)));
  }
  return errors;
}

describe('the English catalogue', () => {
  it('says what the engine says, for the errors the engine really makes', () => {
    const errors = engineErrors();
    expect(new Set(errors.map((e) => e.key)).size).toBeGreaterThan(50);
    for (const error of errors) {
      expect(error.key, error.message).toBeDefined();
      // The engine writes numbers plainly; the interface formats them for the locale.
      expect(errorText(error, 'en', String), error.key).toEqual({
        message: error.message,
        hint: error.hint,
      });
    }
  });
});

describe('files that are not regular files', () => {
  it('are refused with a key per kind, said the same way in English, and in Portuguese', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-kinds-'));
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    try {
      const refusals = await Promise.all(
        [fifo, '/dev/null'].map((file) =>
          openSource(file).then(
            () => expect.unreachable(`${file} was accepted`),
            (error: FerryError) => error.toData(),
          ),
        ),
      );
      expect(refusals.map((e) => e.key)).toEqual([
        'transfer.notRegularFile.fifo',
        'transfer.notRegularFile.device',
      ]);
      for (const error of refusals) {
        expect(errorText(error, 'en', String)).toEqual({
          message: error.message,
          hint: error.hint,
        });
      }
      expect(errorText(refusals[0]!, 'pt-BR', String).message).toBe(
        `${fifo} é um pipe nomeado (FIFO), não um arquivo comum; o Ferry só envia arquivos comuns.`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('watch prefixes S3 cannot hold', () => {
  it('are refused with a key per problem, whole sentences in English and in Portuguese', () => {
    const refusals = ['x'.repeat(1100), 'a\tb/', 'fotos/../b/', 'a//b'].map((prefix) => {
      try {
        normalisePrefix(prefix);
      } catch (error) {
        return (error as FerryError).toData();
      }
      return expect.unreachable(`${prefix} was accepted`);
    });
    expect(refusals.map((e) => e.key)).toEqual([
      'watch.badPrefix.tooLong',
      'watch.badPrefix.controlCharacter',
      'watch.badPrefix.dotSegment',
      'watch.badPrefix.emptySegment',
    ]);
    for (const error of refusals) {
      expect(errorText(error, 'en', String)).toEqual({ message: error.message, hint: error.hint });
      // No English words left inside the Portuguese sentence.
      expect(errorText(error, 'pt-BR', String).message).not.toMatch(
        /\b(it|contains|object keys)\b/,
      );
    }
    expect(errorText(refusals[2]!, 'pt-BR', String).message).toBe(
      'O prefixo "fotos/../b/" não pode ser usado: ele contém um segmento "..".',
    );
  });
});

describe('engine errors in the interface', () => {
  it('show in Portuguese with their values, and fall back to the English text for an unknown key', () => {
    const number = (n: number) => new Intl.NumberFormat('pt-BR').format(n);
    const inPortuguese = (error: FerryErrorData) => errorText(error, 'pt-BR', number);
    const refused = translateError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), {
      endpoint: 'http://127.0.0.1:9',
    }).toData();
    expect(inPortuguese(refused)).toEqual({
      message: 'Nada está escutando em http://127.0.0.1:9.',
      hint: 'Confira o endereço e a porta, e se o servidor está rodando.',
    });
    const badName = bucketNameProblem('Fotos')!;
    expect(inPortuguese({ code: 'InvalidBucketName', ...badName }).message).toBe(
      '"Fotos" não é um nome de bucket válido: não pode ter letras maiúsculas.',
    );
    const tooLong = objectKeyProblem('x'.repeat(2000))!;
    expect(inPortuguese({ code: 'InvalidKey', ...tooLong }).message).toBe(
      'A chave do objeto tem 2.000 bytes; o S3 permite no máximo 1.024 bytes (UTF-8).',
    );
    const future = { code: 'Internal', message: 'New thing.', hint: 'Do it.', key: 'not.known' };
    expect(inPortuguese(future as FerryErrorData)).toEqual({
      message: 'New thing.',
      hint: 'Do it.',
    });
    const legacy = { code: 'Internal' as const, message: 'Old thing.', hint: 'Old hint.' };
    expect(inPortuguese(legacy)).toEqual({ message: 'Old thing.', hint: 'Old hint.' });
    const relayed = FerryError.fromData(legacy).toData();
    expect(inPortuguese(relayed)).toEqual({ message: 'Old thing.', hint: 'Old hint.' });
  });
});
