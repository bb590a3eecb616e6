import type { ObjectLockState, RetentionMode } from '../../../src-shared/contract/index.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = `ferry lock get s3://bucket[/key] [--json]
       ferry lock set s3://bucket/key [--mode GOVERNANCE|COMPLIANCE --until DATE] [--legal-hold on|off]
Object lock works only on buckets created with it (ferry mb --object-lock).`;

function describe(state: ObjectLockState): string[] {
  if (state.bucket === 'unsupported') return ['This server does not support object lock.'];
  if (state.bucket === 'disabled') return ['Object lock: off for this bucket.'];
  const d = state.defaultRetention;
  const lines = [
    `Object lock: on${d ? ` (new objects: ${d.mode} for ${(d.days ?? 0) ? `${d.days} days` : `${d.years} years`})` : ''}`,
  ];
  if (state.object) {
    const o = state.object;
    lines.push(`Retention: ${o.mode ? `${o.mode} until ${o.retainUntil ?? '?'}` : 'none'}`);
    lines.push(`Legal hold: ${o.legalHold ? 'on' : 'off'}`);
  }
  return lines;
}

function holdFlag(value: string | boolean | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'off') return value === 'on';
  throw usageError('cli.usage.lock.legalHold', { value: String(value), usage: USAGE });
}

/** `ferry lock`: object lock, retention and legal hold. */
export const lock: CliCommand = {
  name: 'lock',
  summary: "show or set an object's retention and legal hold (object lock)",
  usage: USAGE,
  options: {
    mode: { type: 'string' },
    until: { type: 'string' },
    'legal-hold': { type: 'string' },
  },
  async run({ io, engine, flags, positionals }) {
    const [action, target, extra] = positionals;
    if ((action !== 'get' && action !== 'set') || !target || extra !== undefined) {
      throw usageError('cli.usage.action', {
        usage: 'ferry lock get|set s3://bucket/key',
        help: 'ferry lock --help',
      });
    }
    const { bucket, key } = parseS3Url(target);
    const profileId = await resolveProfileId(engine, flags, io.env);
    let state: ObjectLockState;
    if (action === 'get') {
      state = await invoke(engine, 'objectLock.get', {
        profileId,
        bucket,
        ...(key ? { key } : {}),
      });
    } else {
      const mode = flags['mode'] as RetentionMode | undefined;
      const until = flags['until'];
      const legalHold = holdFlag(flags['legal-hold']);
      if (mode !== undefined && mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') {
        throw usageError('cli.usage.lock.mode', { value: String(mode), usage: USAGE });
      }
      if (!key || (mode === undefined) !== (until === undefined)) {
        throw usageError('cli.usage.lock.retention', { usage: USAGE });
      }
      const retention =
        mode !== undefined && typeof until === 'string' ? { mode, retainUntil: until } : undefined;
      if (!retention && legalHold === undefined) {
        throw usageError('cli.usage.lock.nothing');
      }
      state = await invoke(engine, 'objectLock.set', {
        profileId,
        bucket,
        key,
        ...(retention ? { retention } : {}),
        ...(legalHold !== undefined ? { legalHold } : {}),
      });
    }
    if (flags.json) io.out(JSON.stringify(state));
    else for (const line of describe(state)) io.out(line);
    return 0;
  },
};
