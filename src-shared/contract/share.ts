import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command } from './define.js';
import { ObjectKey } from './objects.js';
import { ProfileId } from './profiles.js';

/** SigV4 presigned URLs are valid for at most 7 days. */
export const MAX_SHARE_SECONDS = 7 * 24 * 60 * 60;
export const MIN_SHARE_SECONDS = 60;

/** A presigned link, ready to hand to someone. */
export const ShareLink = z.object({
  url: z.string(),
  method: z.enum(['GET', 'PUT']),
  /** ISO 8601. */
  expiresAt: z.string(),
  expiresInSeconds: z.number().int(),
  /** A ready command: `curl -o name URL` for GET, `curl -X PUT --upload-file FILE URL` for PUT. */
  curl: z.string(),
  /** The URL as a QR code, an SVG document; null when the URL is too long for a QR code. */
  qrSvg: z.string().nullable(),
});
export type ShareLink = z.infer<typeof ShareLink>;

export const shareCommands = {
  /** Presigns a GET (download) or PUT (upload) link; expiry from 1 minute to 7 days. */
  'share.create': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        key: ObjectKey,
        method: z.enum(['GET', 'PUT']).default('GET'),
        /** Checked by the engine, which explains the 7-day limit. */
        expiresInSeconds: z.number().int().default(3600),
        /** For PUT: the Content-Type the uploader must send. */
        contentType: z.string().max(256).optional(),
      })
      .strict(),
    ShareLink,
  ),
};
