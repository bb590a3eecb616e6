import { describe, expect, it } from 'vitest';
import { parseFlags } from '../../src-main/cli/flags.js';
import { parseS3Url } from '../../src-main/cli/s3-url.js';
import type { FerryError } from '../../src-main/engine/errors.js';
import { errorKeys } from '../../src-shared/error-keys.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import { enErrors } from '../../src-shared/i18n/errors-en.js';
import { ptBRErrors } from '../../src-shared/i18n/errors-pt-br.js';
import { errorText } from '../../src-shared/i18n/error-text.js';

/** The error `fn` throws, in its wire form. */
function refusal(fn: () => unknown): FerryErrorData {
  try {
    fn();
  } catch (error) {
    return (error as FerryError).toData();
  }
  return expect.unreachable('nothing was refused');
}

const flags = (...argv: string[]) =>
  refusal(() => parseFlags(argv, { size: { type: 'string' } }, 'cp'));

describe('usage errors of the command line', () => {
  it('name the option node:util refused, in one line with what to do', () => {
    expect(flags('--bogus')).toMatchObject({
      code: 'InvalidRequest',
      key: 'cli.usage.unknownOption',
      message: 'Unknown option --bogus.',
      hint: 'Run `ferry cp --help` for the options.',
    });
    expect(flags('--size')).toMatchObject({
      key: 'cli.usage.missingValue',
      message: '--size needs a value.',
      hint: 'Run `ferry cp --help` for usage.',
    });
    // node names a boolean with a short form as '-h, --help'; the message names the long one.
    expect(flags('--help=yes')).toMatchObject({
      key: 'cli.usage.noValue',
      message: '--help takes no value.',
    });
    expect(flags('--size', '-5M')).toMatchObject({
      key: 'cli.usage.dashValue',
      message: '--size "-5M": a value cannot start with a dash.',
      params: { option: '--size', value: '-5M', help: 'ferry cp --help' },
    });
  });

  it('take a version id, key or pattern that starts with a dash, and still refuse a negative size', () => {
    const options = {
      'version-id': { type: 'string' },
      exclude: { type: 'string' },
      size: { type: 'string' },
    } as const;
    // One Ceph version id in about 64 begins with a dash.
    const parsed = parseFlags(
      ['--version-id', '-QRxSNyS9HYFT.ez', '--exclude', '-draft*', 'a.txt', '--', '--version-id'],
      options,
      'cp',
    );
    expect(parsed.values['version-id']).toBe('-QRxSNyS9HYFT.ez');
    expect(parsed.values.exclude).toBe('-draft*');
    expect(parsed.positionals).toEqual(['a.txt', '--version-id']);
    expect(
      refusal(() => parseFlags(['--version-id', 'v1', '--size', '-5M'], options, 'cp')),
    ).toMatchObject({ key: 'cli.usage.dashValue', params: { option: '--size', value: '-5M' } });
  });

  it('never take another option as a dash value: --exclude --dry-run is a forgotten pattern, not a real run', () => {
    const options = {
      exclude: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      recursive: { type: 'boolean', short: 'r' },
      'version-id': { type: 'string' },
    } as const;
    for (const argv of [
      ['dir', 's3://b/p/', '--exclude', '--dry-run'],
      ['dir', 's3://b/p/', '--exclude', '--json'],
      ['s3://b/k', '--version-id', '-r'],
      ['s3://b/k', '--version-id', '--help'],
    ]) {
      expect(refusal(() => parseFlags(argv, options, 'sync'))).toMatchObject({
        key: 'cli.usage.optionAsValue',
      });
    }
    expect(
      refusal(() => parseFlags(['d', 's3://b/', '--exclude', '--dry-run'], options, 'sync')),
    ).toMatchObject({
      message: '--exclude is followed by the option --dry-run, not by a value.',
      hint: 'Add the value after --exclude; a value that starts like an option is written --exclude=VALUE (see `ferry sync --help`).',
    });
    const parsed = parseFlags(['--exclude', '--draft*', '--exclude', '-x*'], options, 'sync');
    expect(parsed.values.exclude).toEqual(['--draft*', '-x*']);
  });

  it('say what an argument that is not an S3 URL should have been', () => {
    const said = (what?: Parameters<typeof parseS3Url>[1]) =>
      refusal(() => parseS3Url('photos', what)).message;
    expect(said()).toBe('"photos" is not an S3 location.');
    expect(said('bucket')).toBe('"photos" is not an S3 bucket.');
    expect(said('object')).toBe('"photos" is not an S3 object.');
    expect(said('bucketOrFolder')).toBe('"photos" is not an S3 bucket or folder.');
    expect(refusal(() => parseS3Url('s3:///a')).message).toBe('"s3:///a" names no bucket.');
  });

  it('read in Portuguese as whole sentences, with their values', () => {
    const portuguese = (error: FerryErrorData) => errorText(error, 'pt-BR', String);
    expect(portuguese(flags('--size'))).toEqual({
      message: '--size precisa de um valor.',
      hint: 'Rode `ferry cp --help` para ver o uso.',
    });
    expect(portuguese(refusal(() => parseS3Url('fotos', 'bucketOrFolder')))).toEqual({
      message: '"fotos" não é um bucket nem uma pasta S3.',
      hint: 'Escreva no formato s3://bucket/chave, por exemplo s3://fotos/2024/gato.jpg.',
    });
  });

  it('are translated, not copied: no cli key says the same in Portuguese as in English', () => {
    const cli = errorKeys.filter((key) => key.startsWith('cli.'));
    expect(cli.length).toBeGreaterThan(60);
    const copied = cli.filter(
      (key) => ptBRErrors[key][0] === enErrors[key][0] || ptBRErrors[key][1] === enErrors[key][1],
    );
    expect(copied).toEqual([]);
  });
});
