/**
 * The one shape every expected failure takes, on every face: `{ code, message, hint }`.
 * The message says what happened in the user's words; the hint says what to do about it.
 */
export const errorCodes = [
  // Contract and local input
  'InvalidRequest',
  'UnknownCommand',
  'Internal',
  'Cancelled',
  // Configuration
  'ProfileNotFound',
  'InvalidProfile',
  'MissingCredentials',
  'InvalidEndpoint',
  // Network
  'ConnectionRefused',
  'DnsFailure',
  'Timeout',
  'TlsError',
  'NetworkError',
  // Authentication and authorisation
  'SignatureMismatch',
  'InvalidAccessKey',
  'AccessDenied',
  'ClockSkew',
  // Buckets and objects
  'NoSuchBucket',
  'NoSuchKey',
  'BucketAlreadyExists',
  'BucketNotEmpty',
  'InvalidBucketName',
  'InvalidKey',
  'EntityTooLarge',
  'WrongAddressing',
  'SlowDown',
  'ServerError',
  'ServerRefused',
  'NotSupported',
  'UnexpectedResponse',
  // Desktop shell
  'DesktopOnly',
  'KeychainUnavailable',
  // Objects (issue 3)
  'ObjectExists',
  'PreconditionFailed',
  // Transfers
  'SourceChanged',
  'IntegrityMismatch',
  'LocalFileExists',
  'LocalFileError',
  'DiskFull',
  'FileTooLarge',
  'UnsafeKey',
  'Stalled',
  // Watched folders
  'WatchNotFound',
  'ConflictNotFound',
  'WatchOverlap',
  'FolderMissing',
  'FolderUnreadable',
  'WatcherLimit',
] as const;

/** Machine-readable error code; the renderer and CLI may branch on it. */
export type ErrorCode = (typeof errorCodes)[number];

/** Values filled into a message's `{name}` placeholders. */
export type ErrorParams = Record<string, string | number>;

/**
 * A failure as it travels over IPC, WebSocket and the CLI's `--json`. `message` and `hint` are English (the CLI
 * and logs show them); `key` and `params` let the interface show the same error in the user's language.
 */
export interface FerryErrorData {
  code: ErrorCode;
  message: string;
  hint: string;
  /** One of `errorKeys`; absent on errors made by the page itself or recorded by older versions. */
  key?: string;
  params?: ErrorParams;
}

/** The envelope every command answers with. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: FerryErrorData };
