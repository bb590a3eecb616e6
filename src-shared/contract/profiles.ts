import { z } from 'zod';
import { command, event, Empty } from './define.js';

/** A stable identifier of a connection profile. */
export const ProfileId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

/** How the SDK computes and validates checksums; third-party servers want WHEN_REQUIRED. */
export const ChecksumMode = z.enum(['WHEN_REQUIRED', 'WHEN_SUPPORTED']);

/** A connection profile as the renderer sees it: never the secret. */
export const Profile = z.object({
  id: ProfileId,
  name: z.string().min(1).max(100),
  endpoint: z.string().max(2048),
  region: z.string().min(1).max(64),
  pathStyle: z.boolean(),
  checksumMode: ChecksumMode,
  accessKeyId: z.string().max(256),
  /** Where the profile came from; `environment` ones are read from AWS_* variables and not editable. */
  source: z.enum(['environment', 'saved']),
});
export type Profile = z.infer<typeof Profile>;

export const profileCommands = {
  'profiles.list': command(Empty, z.array(Profile)),
};

export const profileEvents = {
  'profiles.changed': event(z.object({ profiles: z.array(Profile) })),
};
