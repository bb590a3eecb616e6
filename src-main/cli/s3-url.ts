import { usageError } from './io.js';

/** `s3://bucket/key` split into its parts. */
export interface S3Url {
  bucket: string;
  key: string;
}

export function isS3Url(text: string): boolean {
  return text.startsWith('s3://');
}

/** Parses `s3://bucket[/key]`; refuses anything else with a usage hint. */
export function parseS3Url(text: string): S3Url {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(text);
  if (!match) {
    throw usageError(
      `"${text}" is not an s3:// address.`,
      'Write it as s3://bucket or s3://bucket/key.',
    );
  }
  return { bucket: match[1]!, key: match[2]! };
}
