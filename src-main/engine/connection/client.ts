import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { FerryError } from '../errors.js';
import { useUserMetadataCodec } from '../objects/metadata.js';
import { useContentMd5 } from './checksum.js';
import { useUrlEncodedListings } from './listing-keys.js';
import type { ConnectionProfile, Credentials } from './profile.js';
import { SERVERS, kindOfProfile } from './servers.js';
import { useOperationNames } from './translate.js';

export interface ClientOptions {
  /** How long to wait for a TCP connection before giving up. */
  connectionTimeoutMs?: number;
  /** How long a socket may stay silent; bodies that stall mid-way are the transfer engine's business. */
  requestTimeoutMs?: number;
  /** Sockets per host; transfers raise it to their concurrency. */
  maxSockets?: number;
  maxAttempts?: number;
  /** Overrides the profile's checksum mode (presigned PUT links must not carry a precomputed checksum). */
  checksumMode?: ConnectionProfile['checksumMode'];
}

/** What a request sent around the SDK needs to travel as the client's own do: sockets, timeouts, identity. */
export interface ClientTransport {
  credentials: Credentials;
  httpAgent: HttpAgent;
  httpsAgent: HttpsAgent;
  connectionTimeoutMs: number;
  socketTimeoutMs: number;
}

const transports = new WeakMap<S3Client, ClientTransport>();

/** The transport of a client made by createS3Client; undefined for any other client. */
export function transportOf(client: S3Client): ClientTransport | undefined {
  return transports.get(client);
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw FerryError.of('InvalidProfile', 'profile.caUnreadableStored', { file }, { cause });
  }
}

/**
 * Builds the S3Client for a profile. The one place where SDK options are chosen, and where the requests
 * every server needs are shaped: Content-MD5 on checksum-required requests (all servers but AWS), user
 * metadata encoded for HTTP, listings with URL-encoded keys, and failures labelled with their operation for the error translator.
 */
export function createS3Client(
  profile: ConnectionProfile,
  credentials: Credentials,
  options: ClientOptions = {},
): S3Client {
  const maxSockets = options.maxSockets ?? 16;
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    maxSockets,
    ...(profile.caFile ? { ca: readCa(profile.caFile) } : {}),
    // Only when the user explicitly allowed it for this profile (warned in the UI and CLI).
    rejectUnauthorized: !profile.allowInsecureTls,
  });
  const transport: ClientTransport = {
    credentials,
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets }),
    httpsAgent,
    connectionTimeoutMs: options.connectionTimeoutMs ?? 5_000,
    // An idle-socket timeout. (The handler's `requestTimeout` only prints a warning to the console
    // unless told to throw, and a whole-request limit would cut off long transfers anyway.)
    socketTimeoutMs: options.requestTimeoutMs ?? 30_000,
  };
  const client = new S3Client({
    ...(profile.endpoint ? { endpoint: profile.endpoint } : {}),
    region: profile.region,
    forcePathStyle: profile.pathStyle,
    credentials,
    // The SDK's default (WHEN_SUPPORTED) adds CRC checksums that many third-party servers reject.
    requestChecksumCalculation: options.checksumMode ?? profile.checksumMode,
    responseChecksumValidation: options.checksumMode ?? profile.checksumMode,
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: transport.connectionTimeoutMs,
      socketTimeout: transport.socketTimeoutMs,
      httpAgent: transport.httpAgent,
      httpsAgent: transport.httpsAgent,
    }),
  });
  if (SERVERS[kindOfProfile(profile).kind].requiredChecksum === 'md5') useContentMd5(client);
  useUserMetadataCodec(client);
  useUrlEncodedListings(client);
  useOperationNames(client);
  transports.set(client, transport);
  return client;
}
