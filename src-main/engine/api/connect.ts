import type { S3Client } from '@aws-sdk/client-s3';
import type { Engine } from '../engine.js';

/** The client for a profile and the endpoint to name in messages ("AWS S3" when it has none). */
export async function connect(
  engine: Engine,
  profileId: string,
): Promise<{ client: S3Client; endpoint: string }> {
  const profile = engine.profiles.get(profileId);
  return {
    client: await engine.profiles.client(profileId),
    endpoint: profile.endpoint || 'AWS S3',
  };
}
