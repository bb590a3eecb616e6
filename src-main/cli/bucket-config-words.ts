import type { CorsRule, LifecycleExtra, LifecycleRule } from '../../src-shared/contract/index.js';
import { usageError } from './io.js';

const EXTRAS: Record<LifecycleExtra, string> = {
  transition: 'moves objects to another storage class',
  noncurrentTransition: 'moves old versions to another storage class',
  tagFilter: 'applies only to tagged objects',
  sizeFilter: 'applies only to objects of some sizes',
  expiryDate: 'expires objects on a date',
  deleteMarkers: 'removes expired delete markers',
  newerVersions: 'keeps a number of newer versions',
};

const days = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** A lifecycle rule in one English sentence, as `ferry lifecycle get` prints it. */
export function ruleSentence(rule: LifecycleRule): string {
  const where = rule.prefix ? `Objects under "${rule.prefix}"` : 'Every object in the bucket';
  const actions = [
    rule.expireDays !== null ? `expire ${days(rule.expireDays)} after upload` : null,
    rule.noncurrentDays !== null
      ? `old versions are deleted ${days(rule.noncurrentDays)} after they are replaced`
      : null,
    rule.abortMultipartDays !== null
      ? `unfinished multipart uploads are aborted after ${days(rule.abortMultipartDays)}`
      : null,
  ].filter((a): a is string => a !== null);
  const extras = rule.extras.map((e) => EXTRAS[e]);
  const said = actions.length ? `${where}: ${actions.join('; ')}.` : `${where}.`;
  const more = extras.length ? ` Also ${extras.join(', ')} (kept as it is).` : '';
  const off = rule.enabled ? '' : ' (disabled)';
  return `[${rule.id}]${off} ${said}${more}`;
}

/** A CORS rule in one line. */
export function corsLine(rule: CorsRule): string {
  const parts = [
    `${rule.allowedMethods.join(',')} from ${rule.allowedOrigins.join(', ')}`,
    rule.allowedHeaders.length ? `headers ${rule.allowedHeaders.join(', ')}` : null,
    rule.exposeHeaders.length ? `exposes ${rule.exposeHeaders.join(', ')}` : null,
    rule.maxAgeSeconds !== null ? `cached ${rule.maxAgeSeconds}s` : null,
  ].filter(Boolean);
  return `${rule.id ? `[${rule.id}] ` : ''}${parts.join('; ')}`;
}

/** A whole number of days from a flag, or a usage error. */
export function daysFlag(value: string | boolean | undefined, flag: string): number | null {
  if (value === undefined || value === false) return null;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1) {
    throw usageError('cli.usage.notDays', { option: `--${flag}`, value: String(value) });
  }
  return n;
}

/** `k=v` arguments as a tag set (`k=` is an empty value); anything else is a usage error. */
export function tagArgs(args: string[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq < 1) {
      throw usageError('cli.usage.tag.notTag', { argument: arg });
    }
    tags[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return tags;
}
