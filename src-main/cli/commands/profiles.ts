import type { ProfileInput, TestResult } from '../../../src-shared/contract/index.js';
import { PRESETS } from '../../engine/connection/presets.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import type { CliCommand, CommandContext } from './command.js';

const USAGE = `ferry profiles [list]
  ferry profiles add NAME [--preset ${PRESETS.map((p) => p.id).join('|')}] --endpoint URL --access-key KEY
                          [--secret-key SECRET] [--region R] [--path-style] [--ca-file PEM] [--insecure-tls]
  ferry profiles import [AWS_PROFILE...]   (no names: show what ~/.aws holds)
  ferry profiles test [ID]                 (default: --profile or the AWS_* environment)
  ferry profiles remove ID`;

async function list({ io, engine, flags }: CommandContext): Promise<number> {
  const profiles = await invoke(engine, 'profiles.list', {});
  const storage = await invoke(engine, 'profiles.secretStorage', {});
  if (flags.json) {
    io.out(JSON.stringify({ profiles, secretStorage: storage }));
    return 0;
  }
  for (const p of profiles) {
    io.out(
      `${p.id.padEnd(20)}  ${(p.endpoint || 'AWS').padEnd(36)}  ${p.region.padEnd(12)}  ${p.source}`,
    );
  }
  if (profiles.length === 0)
    io.out(
      'No profiles yet: add one with `ferry profiles add NAME --endpoint URL --access-key KEY`.',
    );
  io.out(`Secret keys of saved profiles are kept in ${storage.description}.`);
  return 0;
}

async function add({ io, engine, flags, positionals }: CommandContext): Promise<number> {
  const name = positionals[1];
  if (!name || positionals.length > 2)
    throw usageError('cli.usage.profiles.addName', { usage: USAGE });
  const presetId = flags['preset'];
  const preset = typeof presetId === 'string' ? PRESETS.find((p) => p.id === presetId) : undefined;
  if (typeof presetId === 'string' && !preset) {
    const presets = PRESETS.map((p) => p.id).join(', ');
    throw usageError('cli.usage.profiles.preset', { preset: presetId, presets });
  }
  const secret = flags['secret-key'] ?? io.env['AWS_SECRET_ACCESS_KEY'];
  const input: ProfileInput = {
    name,
    endpoint: flags.endpoint ?? preset?.endpoint ?? '',
    accessKeyId: flags['access-key'] ?? '',
    ...(secret !== undefined ? { secretAccessKey: secret } : {}),
    ...(flags.region ? { region: flags.region } : preset ? { region: preset.region } : {}),
    ...(flags['path-style'] !== undefined
      ? { pathStyle: flags['path-style'] }
      : preset
        ? { pathStyle: preset.pathStyle }
        : {}),
    ...(preset ? { checksumMode: preset.checksumMode, preset: preset.id } : {}),
    ...(typeof flags['ca-file'] === 'string' ? { caFile: flags['ca-file'] } : {}),
    allowInsecureTls: Boolean(flags['insecure-tls']),
  };
  const saved = await invoke(engine, 'profiles.save', input);
  const storage = await invoke(engine, 'profiles.secretStorage', {});
  if (flags.json) io.out(JSON.stringify(saved));
  else {
    io.out(
      `Saved profile "${saved.id}" (${saved.endpoint || 'AWS'}). Use it with --profile ${saved.id}.`,
    );
    io.out(`Its secret key is kept in ${storage.description}.`);
  }
  if (saved.allowInsecureTls)
    io.err(
      'warning: TLS certificates are not verified for this profile; use it only on a network you trust.',
    );
  return 0;
}

async function importAws({ io, engine, flags, positionals }: CommandContext): Promise<number> {
  const names = positionals.slice(1);
  if (names.length === 0) {
    const found = await invoke(engine, 'profiles.scanAws', {});
    if (flags.json) io.out(JSON.stringify(found));
    else if (found.length === 0) io.out('~/.aws/config and ~/.aws/credentials hold no profiles.');
    else
      for (const f of found)
        io.out(
          `${f.name.padEnd(20)}  ${(f.endpoint || 'AWS').padEnd(36)}  ${f.problem ? `cannot import: ${f.problem}` : 'ready: ferry profiles import ' + f.name}`,
        );
    return 0;
  }
  const imported = await invoke(engine, 'profiles.importAws', { names });
  if (flags.json) io.out(JSON.stringify(imported));
  else for (const p of imported) io.out(`Imported "${p.id}" (${p.endpoint || 'AWS'}).`);
  return 0;
}

const DETECTED_BY = {
  headers: 'from its answers',
  endpoint: 'from the endpoint',
  preset: 'from the preset; it did not say itself',
  none: 'it did not say which',
} as const;

const FEATURE_WORDS: Record<TestResult['server']['missing'][number], string> = {
  versioning: 'versioning',
  objectLock: 'object lock',
  policy: 'bucket policies',
  lifecycle: 'lifecycle rules',
  cors: 'CORS',
  tagging: 'tagging',
  conditionalPut: 'conditional PUT',
  awsChunked: 'aws-chunked uploads',
  partNumberGet: 'GET by part number',
};

function printTest(io: CommandContext['io'], result: TestResult): void {
  const marks = { ok: 'ok  ', failed: 'FAIL', skipped: 'skip', warning: 'warn' } as const;
  for (const s of result.steps) {
    io.out(`${marks[s.status]}  ${s.label}: ${s.detail}${s.error ? ` — ${s.error.hint}` : ''}`);
  }
  const { server } = result;
  io.out(`server: ${server.name} (${DETECTED_BY[server.by]})`);
  if (server.missing.length > 0) {
    io.out(`not supported: ${server.missing.map((f) => FEATURE_WORDS[f]).join(', ')}`);
  }
}

async function test(ctx: CommandContext): Promise<number> {
  const { io, engine, flags, positionals } = ctx;
  const profileId = positionals[1] ?? (await resolveProfileId(engine, flags, io.env));
  const result = await invoke(engine, 'profiles.test', { profileId });
  if (flags.json) io.out(JSON.stringify(result));
  else printTest(io, result);
  return result.ok ? 0 : 1;
}

async function remove({ io, engine, flags, positionals }: CommandContext): Promise<number> {
  const id = positionals[1];
  if (!id || positionals.length > 2)
    throw usageError('cli.usage.profiles.removeName', { usage: USAGE });
  await invoke(engine, 'profiles.remove', { profileId: id });
  io.out(
    flags.json ? JSON.stringify({ removed: id }) : `Removed profile "${id}" and its secret key.`,
  );
  return 0;
}

const SUBCOMMANDS: Record<string, (ctx: CommandContext) => Promise<number>> = {
  list,
  add,
  import: importAws,
  test,
  remove,
};

/** `ferry profiles`: list, add, import from ~/.aws, test and remove connection profiles. */
export const profiles: CliCommand = {
  name: 'profiles',
  summary: 'list, add, import (~/.aws), test and remove connection profiles',
  usage: USAGE,
  options: {
    preset: { type: 'string' },
    'ca-file': { type: 'string' },
    'insecure-tls': { type: 'boolean' },
  },
  async run(ctx) {
    const sub = ctx.positionals[0] ?? 'list';
    const handler = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!handler) throw usageError('cli.usage.profiles.subcommand', { subcommand: sub });
    return handler(ctx);
  },
};
