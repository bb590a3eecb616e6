import { z } from 'zod';
import { command, event, Empty, FerryErrorSchema } from './define.js';

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
  /** PEM file with the CA that signed the server's certificate (self-hosted TLS). */
  caFile: z.string().max(4096).optional(),
  /** The user explicitly accepted unverified TLS for this profile (shown with a warning). */
  allowInsecureTls: z.boolean().optional(),
  /** Which preset the profile was made from, if any. */
  preset: z.string().max(32).optional(),
  /** Whether a secret key is stored for the profile (the secret itself never leaves the engine). */
  hasSecret: z.boolean().optional(),
});
export type Profile = z.infer<typeof Profile>;

/** The S3 servers Ferry knows (src-main/engine/connection/servers.ts has what each supports). */
export const ServerKind = z.enum([
  'rustfs',
  'minio',
  'ceph',
  'swift',
  'garage',
  'r2',
  'b2',
  'aws',
  'unknown',
]);
export type ServerKind = z.infer<typeof ServerKind>;

/** S3 features some servers lack. */
export const ServerFeature = z.enum([
  'versioning',
  'objectLock',
  'policy',
  'lifecycle',
  'cors',
  'tagging',
  'conditionalPut',
  'awsChunked',
  'partNumberGet',
]);
export type ServerFeature = z.infer<typeof ServerFeature>;

/** The server a connection test met, how Ferry told, and the features that server is known to lack. */
export const DetectedServer = z.object({
  kind: ServerKind,
  /** Its name for display ("OpenStack Swift (s3api)"); `unknown` reads "S3-compatible server". */
  name: z.string(),
  /** From its answers' headers, the endpoint's host name, the profile's preset, or nothing to go on. */
  by: z.enum(['headers', 'endpoint', 'preset', 'none']),
  missing: z.array(ServerFeature),
});
export type DetectedServer = z.infer<typeof DetectedServer>;

/** A starting point for a new profile: a known server kind with its usual settings. */
export const Preset = z.object({
  id: z.enum(['rustfs', 'minio', 'ceph', 'swift', 'garage', 'r2', 'b2', 'aws', 'custom']),
  name: z.string(),
  /** A ready endpoint, or a template with `<placeholders>` the user must fill in. */
  endpoint: z.string(),
  region: z.string(),
  pathStyle: z.boolean(),
  checksumMode: ChecksumMode,
  /** One sentence on what to enter (e.g. where R2's account ID comes from). */
  note: z.string(),
});
export type Preset = z.infer<typeof Preset>;

/** What the user enters to create or edit a profile. Omitted fields take the endpoint's defaults. */
export const ProfileInput = z
  .object({
    /** Omit to create a new profile (an id is derived from the name); give it to edit that profile. */
    id: ProfileId.optional(),
    name: z.string().trim().min(1).max(100),
    /** Empty means AWS itself. */
    endpoint: z.string().max(2048).default(''),
    region: z.string().trim().max(64).optional(),
    pathStyle: z.boolean().optional(),
    checksumMode: ChecksumMode.optional(),
    accessKeyId: z.string().trim().max(256),
    /** Omit when editing to keep the stored secret. */
    secretAccessKey: z.string().max(1024).optional(),
    caFile: z.string().max(4096).optional(),
    allowInsecureTls: z.boolean().default(false),
    preset: Preset.shape.id.optional(),
  })
  .strict();
export type ProfileInput = z.input<typeof ProfileInput>;

/** One step of "Test connection". Later steps are `skipped` once one fails. */
export const TestStep = z.object({
  id: z.enum(['endpoint', 'health', 'auth']),
  /** What the step does, for display: "Reach http://localhost:9000". */
  label: z.string(),
  status: z.enum(['ok', 'failed', 'skipped', 'warning']),
  /** What was learned: "HTTP 200 in 12 ms", "no health endpoint (not RustFS/MinIO)", "3 buckets". */
  detail: z.string(),
  /** The detail's catalogue key (`profile.detail.<key>` in the interface) and its values; English is `detail`. */
  detailKey: z
    .enum(['skipped', 'answered', 'answeredInsecure', 'notAws', 'healthOk', 'noHealth', 'buckets'])
    .optional(),
  detailParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  error: FerryErrorSchema.nullable(),
  durationMs: z.number(),
});
export type TestStep = z.infer<typeof TestStep>;

export const TestResult = z.object({
  ok: z.boolean(),
  steps: z.array(TestStep),
  /** How many buckets ListBuckets returned, when it got that far. */
  bucketCount: z.number().int().nullable(),
  /** The server met (or expected from the endpoint and preset, when it did not answer). */
  server: DetectedServer,
});
export type TestResult = z.infer<typeof TestResult>;

/** A profile found in ~/.aws/config and ~/.aws/credentials. */
export const AwsProfileCandidate = z.object({
  /** The name in the AWS files (`default`, `rustfs`, …). */
  name: z.string(),
  endpoint: z.string(),
  region: z.string(),
  accessKeyId: z.string(),
  hasSecret: z.boolean(),
  /** Why it cannot be imported as it is (no keys, SSO/role profiles, bad endpoint); null if it can. */
  problem: z.string().nullable(),
  /** The problem's catalogue key, so the interface can say it in the user's language. */
  problemKey: z
    .enum(['sso', 'role', 'process', 'noAccessKey', 'noSecretKey', 'badEndpoint'])
    .nullable(),
  /** A Ferry profile with this id already exists; importing replaces it. */
  exists: z.boolean(),
});
export type AwsProfileCandidate = z.infer<typeof AwsProfileCandidate>;

export const profileCommands = {
  'profiles.list': command(Empty, z.array(Profile)),
  'profiles.presets': command(Empty, z.array(Preset)),
  /** Creates or edits a profile; answers with it as saved. */
  'profiles.save': command(ProfileInput, Profile),
  'profiles.remove': command(z.object({ profileId: ProfileId }).strict(), z.object({})),
  /** Tests a saved profile, or a draft before it is saved. */
  'profiles.test': command(
    z.union([
      z.object({ profileId: ProfileId }).strict(),
      z.object({ draft: ProfileInput }).strict(),
    ]),
    TestResult,
  ),
  /** Reads ~/.aws/config and ~/.aws/credentials and lists what could be imported. */
  'profiles.scanAws': command(Empty, z.array(AwsProfileCandidate)),
  /** Imports the named AWS profiles (as `aws-<name>`); answers with the imported ones. */
  'profiles.importAws': command(
    z.object({ names: z.array(z.string().min(1).max(128)).min(1).max(100) }).strict(),
    z.array(Profile),
  ),
  /** Where secrets are kept on this face, to tell the user ("OS keychain", "a 0600 file at …"). */
  'profiles.secretStorage': command(
    Empty,
    z.object({ description: z.string(), persistent: z.boolean() }),
  ),
};

export const profileEvents = {
  'profiles.changed': event(z.object({ profiles: z.array(Profile) })),
};
