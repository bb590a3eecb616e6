import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** English texts of the bucket-configuration errors: lifecycle rules, tags, object lock, CORS. */
export const enBucketConfigErrors = {
  'config.unsupported.lifecycle': [
    'This server does not support lifecycle rules.',
    'It answered {api} with something other than lifecycle rules: the feature is missing on this server. Nothing was changed.',
  ],
  'config.unsupported.tags': [
    'This server does not support tags.',
    'It answered {api} with something other than tags: the feature is missing on this server. Nothing was changed.',
  ],
  'config.unsupported.cors': [
    'This server does not support CORS.',
    'It answered {api} with something other than CORS rules: the feature is missing on this server. Nothing was changed.',
  ],
  'config.unsupported.objectLock': [
    'This server does not support object lock.',
    'It answered {api} with something other than an object lock setting: the feature is missing on this server. Nothing was changed.',
  ],
  'config.lockOff': [
    'The bucket "{bucket}" does not have object lock.',
    'Object lock can only be turned on when a bucket is created: create a new bucket with object lock and copy the objects into it.',
  ],
  'config.lock.badDate': [
    'The retention date "{date}" is not a date in the future.',
    'Give a date and time to come, like 2030-01-31 or 2030-01-31T12:00:00Z.',
  ],
  'config.lifecycle.noRule': [
    'The bucket "{bucket}" has no lifecycle rule "{id}".',
    'It may have been changed elsewhere; reload the rules and try again.',
  ],
  'config.lifecycle.noRuleFor': [
    'The bucket "{bucket}" has no lifecycle rule for "{prefix}".',
    'List the rules (ferry lifecycle get) to see their prefixes and IDs.',
  ],
  'config.lifecycle.notEditable': [
    'The lifecycle rule "{id}" holds settings Ferry does not edit.',
    "Ferry keeps such a rule as it is: remove it and add a new one, or edit it with the server's own tools.",
  ],
  'config.lifecycle.noAction': [
    'A lifecycle rule needs at least one action.',
    'Give a number of days to expire objects, expire old versions, or abort unfinished uploads.',
  ],
  'config.tags.tooMany': [
    '{count} tags are more than the {limit} S3 allows here.',
    'Remove tags until there are {limit} or fewer.',
  ],
  'config.cors.badOrigin': [
    '"{origin}" is not a web origin.',
    'Write it as the scheme and host of the page, with the port if it has one: https://app.example.com or http://localhost:5173.',
  ],
  'config.cors.badJson': [
    'The CORS rules are not valid: {detail}.',
    'Write them as S3 does: {"CORSRules": [{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["PUT"]}]}.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
