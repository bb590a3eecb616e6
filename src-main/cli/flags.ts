import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const globalOptions = {
  endpoint: { type: 'string' },
  'access-key': { type: 'string' },
  'secret-key': { type: 'string' },
  region: { type: 'string' },
  'path-style': { type: 'boolean' },
  profile: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export interface GlobalFlags {
  endpoint?: string;
  'access-key'?: string;
  'secret-key'?: string;
  region?: string;
  'path-style'?: boolean;
  profile?: string;
  json?: boolean;
  help?: boolean;
}

export const globalHelp = `Connection options (default: the AWS_* environment variables):
  --endpoint URL        S3 endpoint, e.g. http://localhost:9000 (AWS_ENDPOINT_URL)
  --access-key KEY      access key ID (AWS_ACCESS_KEY_ID)
  --secret-key SECRET   secret access key (AWS_SECRET_ACCESS_KEY)
  --region REGION       region, default us-east-1 (AWS_REGION)
  --path-style          path-style addressing (default on for non-AWS endpoints)
  --profile NAME        a saved connection profile
Output:
  --json                machine-readable output
  -h, --help            help for the command`;

/**
 * Options whose value is free text that may begin with a dash: a Ceph version id does about one time in 64
 * (`-QRxSNyS9HYFT.ez…`), and a key or a pattern may. node:util refuses `--version-id -QRx…` as ambiguous, so
 * these are joined into `--version-id=-QRx…` before parsing. Sizes and counts keep refusing a leading dash.
 */
const DASH_VALUES = new Set(['version-id', 'upload-id', 'key', 'id', 'include', 'exclude']);

function joinDashValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...out, ...argv.slice(i)];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    const next = argv[i + 1];
    const value = DASH_VALUES.has(name) && options[name]?.type === 'string' ? next : undefined;
    if (value?.startsWith('-') && !isOption(value, options)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

/**
 * `--dry-run`, `--delete=x`, `-r`: an option of the command, never taken as a value. `--exclude --dry-run`
 * is a forgotten pattern, and joining it would run the sync for real.
 */
function isOption(arg: string, options: Options): boolean {
  if (arg.startsWith('--')) return Object.hasOwn(options, arg.slice(2).split('=')[0]!);
  return Object.values(options).some((o) => o.short !== undefined && arg === `-${o.short}`);
}

/** Parses argv for a command with its own options merged into the global ones. */
export function parseFlags<O extends Options>(
  argv: string[],
  options: O,
  command?: string,
): { values: GlobalFlags & Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const all: Options = { ...globalOptions, ...options };
    const { values, positionals } = parseArgs({
      args: joinDashValues(argv, all),
      options: all,
      allowPositionals: true,
      strict: true,
    });
    return {
      values: values as GlobalFlags & Record<string, string | boolean | undefined>,
      positionals,
    };
  } catch (error) {
    throw flagError(error, argv, command ? `ferry ${command} --help` : 'ferry --help');
  }
}

/**
 * node:util's parse errors, said in one line with a hint (its own text runs over several lines). It names the
 * option in quotes, the short form first and a value placeholder after: '-e, --endpoint <value>'.
 */
function flagError(error: unknown, argv: string[], help: string) {
  const text = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ,]+)/.exec(text)?.[1];
  const option = /'([^']+)'/
    .exec(text)?.[1]
    ?.replace(/ <value>$/, '')
    .split(', ')
    .at(-1);
  if (flag && text.includes('argument is ambiguous')) {
    // `--part-size -5M`: node will not take a value that looks like an option.
    const value = argv[argv.indexOf(flag) + 1] ?? '';
    // A free-text option refused here was followed by one of the command's own options (see isOption).
    const key = DASH_VALUES.has(flag.replace(/^--/, ''))
      ? 'cli.usage.optionAsValue'
      : 'cli.usage.dashValue';
    return usageError(key, { option: flag, value, help });
  }
  if (flag && text.startsWith('Unknown option')) {
    return usageError('cli.usage.unknownOption', { option: flag, help });
  }
  if (option && text.endsWith('argument missing')) {
    return usageError('cli.usage.missingValue', { option, help });
  }
  if (option && text.endsWith('does not take an argument')) {
    return usageError('cli.usage.noValue', { option, help });
  }
  const detail = text.split('\n')[0]!.replace(/\.$/, '');
  return usageError('cli.usage.options', { detail, help });
}
