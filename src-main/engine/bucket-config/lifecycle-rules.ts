import type { LifecycleRule as SdkRule } from '@aws-sdk/client-s3';
import type { LifecycleExtra, LifecycleRule } from '../../../src-shared/contract/index.js';
import { invalid } from '../errors.js';

/** A change to one rule, as `lifecycle.set` takes it. */
export interface RuleChange {
  id?: string;
  prefix: string;
  enabled: boolean;
  expireDays: number | null;
  noncurrentDays: number | null;
  abortMultipartDays: number | null;
}

/** The prefix a rule applies to: its filter's, the legacy top-level one, or '' for the whole bucket. */
function prefixOf(rule: SdkRule): string {
  return rule.Filter?.Prefix ?? rule.Filter?.And?.Prefix ?? rule.Prefix ?? '';
}

/** What a rule holds besides a prefix and the three actions Ferry edits. */
function extrasOf(rule: SdkRule): LifecycleExtra[] {
  const f = rule.Filter;
  const checks: [LifecycleExtra, unknown][] = [
    ['transition', rule.Transitions?.length],
    ['noncurrentTransition', rule.NoncurrentVersionTransitions?.length],
    ['tagFilter', f?.Tag ?? f?.And?.Tags?.length],
    [
      'sizeFilter',
      f?.ObjectSizeGreaterThan ??
        f?.ObjectSizeLessThan ??
        f?.And?.ObjectSizeGreaterThan ??
        f?.And?.ObjectSizeLessThan,
    ],
    ['expiryDate', rule.Expiration?.Date],
    ['deleteMarkers', rule.Expiration?.ExpiredObjectDeleteMarker],
    ['newerVersions', rule.NoncurrentVersionExpiration?.NewerNoncurrentVersions],
  ];
  return checks.filter(([, value]) => value !== undefined && value !== 0).map(([name]) => name);
}

/** A server's rule in Ferry's terms; `index` names rules the server gave no ID. */
export function describeRule(rule: SdkRule, index: number): LifecycleRule {
  return {
    id: rule.ID ?? `#${index + 1}`,
    prefix: prefixOf(rule),
    enabled: rule.Status !== 'Disabled',
    expireDays: rule.Expiration?.Days ?? null,
    noncurrentDays: rule.NoncurrentVersionExpiration?.NoncurrentDays ?? null,
    abortMultipartDays: rule.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? null,
    extras: extrasOf(rule),
  };
}

const idOf = (rule: SdkRule, index: number) => rule.ID ?? `#${index + 1}`;

/** An ID no other rule has, saying what the rule is for (S3 allows 255 characters). */
function freshId(prefix: string, rules: SdkRule[]): string {
  const base = `ferry ${prefix ? prefix.slice(0, 200) : 'whole bucket'}`;
  const taken = new Set(rules.map(idOf));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base} (${n})`;
  return id;
}

function ruleFor(change: RuleChange, id: string): SdkRule {
  return {
    ID: id,
    Status: change.enabled ? 'Enabled' : 'Disabled',
    Filter: { Prefix: change.prefix },
    ...(change.expireDays !== null ? { Expiration: { Days: change.expireDays } } : {}),
    ...(change.noncurrentDays !== null
      ? { NoncurrentVersionExpiration: { NoncurrentDays: change.noncurrentDays } }
      : {}),
    ...(change.abortMultipartDays !== null
      ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: change.abortMultipartDays } }
      : {}),
  };
}

/**
 * The rules after adding or changing one. The rule changed is `change.id`'s, else the one Ferry can edit
 * whose prefix is `change.prefix`; every other rule is returned as the server gave it.
 */
export function withRule(rules: SdkRule[], change: RuleChange, bucket: string): SdkRule[] {
  if (
    change.expireDays === null &&
    change.noncurrentDays === null &&
    change.abortMultipartDays === null
  ) {
    throw invalid('config.lifecycle.noAction');
  }
  let index: number;
  if (change.id !== undefined) {
    index = rules.findIndex((r, i) => idOf(r, i) === change.id);
    if (index === -1) throw noRule(bucket, change.id);
    if (extrasOf(rules[index]!).length > 0) {
      throw invalid('config.lifecycle.notEditable', { id: change.id });
    }
  } else {
    index = rules.findIndex((r) => extrasOf(r).length === 0 && prefixOf(r) === change.prefix);
  }
  if (index === -1) return [...rules, ruleFor(change, freshId(change.prefix, rules))];
  const next = [...rules];
  next[index] = ruleFor(change, rules[index]!.ID ?? freshId(change.prefix, rules));
  return next;
}

/** The rules without rule `id`, or without the editable rules for `prefix`, or none at all. */
export function withoutRules(
  rules: SdkRule[],
  target: { id?: string; prefix?: string },
  bucket: string,
): SdkRule[] {
  if (target.id !== undefined) {
    const kept = rules.filter((r, i) => idOf(r, i) !== target.id);
    if (kept.length === rules.length) throw noRule(bucket, target.id);
    return kept;
  }
  if (target.prefix === undefined) return [];
  const prefix = target.prefix;
  const kept = rules.filter((r) => extrasOf(r).length > 0 || prefixOf(r) !== prefix);
  if (kept.length === rules.length) {
    throw invalid('config.lifecycle.noRuleFor', { bucket, prefix });
  }
  return kept;
}

function noRule(bucket: string, id: string) {
  return invalid('config.lifecycle.noRule', { bucket, id });
}
