import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** English texts of the errors of connecting: credentials, endpoints, TLS, the network, buckets, profiles. */
export const enConnectionErrors = {
  'auth.accessKey': [
    'The server does not know this access key.',
    'Check the access key ID, and that the user exists on this server.',
  ],
  'auth.clockSkew': [
    "This computer's clock is too far from the server's.",
    'Set the system clock automatically (NTP) and retry.',
  ],
  'auth.denied': [
    'Access denied.',
    "Check this user's policy on the server, or use keys that are allowed to do this.",
  ],
  'auth.deniedTo': [
    'Access denied to {target}.',
    "Check this user's policy on the server, or use keys that are allowed to do this.",
  ],
  'auth.signature': [
    'The server rejected the request signature.',
    'Check the secret key; the server says the signature does not match. A wrong region or a clock far off can do this too.',
  ],
  'auth.signatureOrKey': [
    'The server rejected the request signature.',
    'Check the access key and the secret key: this server says the signature does not match for an unknown access key too. A wrong region or a clock far off can do this as well.',
  ],
  'aws.noHome': [
    'This face of Ferry cannot read ~/.aws (no home directory was given to the engine).',
    'Add the profile by hand.',
  ],
  'aws.noProfiles': [
    'There is no AWS profile named "{name}" in ~/.aws/config or ~/.aws/credentials.',
    'Those files are missing or empty.',
  ],
  'aws.profileNotFound': [
    'There is no AWS profile named "{name}" in ~/.aws/config or ~/.aws/credentials.',
    'Found: {found}.',
  ],
  'aws.profileUnusable': ['The AWS profile "{name}" {detail}.', 'Add it by hand instead.'],
  'bucket.alreadyYours': [
    'You already own a bucket named "{bucket}".',
    'Use the existing bucket, or choose another name.',
  ],
  'bucket.nameRefused': [
    'The server refused the bucket name "{bucket}".',
    'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucket.nameRefused.unnamed': [
    'The server refused the bucket name.',
    'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucket.noSuch': [
    'The bucket "{bucket}" does not exist.',
    'Check the bucket name, or create it first.',
  ],
  'bucket.noSuch.unnamed': [
    'The bucket does not exist.',
    'Check the bucket name, or create it first.',
  ],
  'bucket.notEmpty': [
    'The bucket "{bucket}" is not empty.',
    'Delete its objects first (ferry rb --force empties it).',
  ],
  'bucket.notEmpty.unnamed': [
    'The bucket is not empty.',
    'Delete its objects first (ferry rb --force empties it).',
  ],
  'bucket.notEmptyHolds': [
    'The bucket "{bucket}" is not empty: it holds {holds}.',
    'Delete them first, or run `ferry rb s3://{bucket} --force` to delete them with the bucket.',
  ],
  'bucket.taken': [
    'The bucket name "{bucket}" is taken by someone else.',
    'Bucket names are shared by all users of the server; choose another name.',
  ],
  'bucketName.tooShort': [
    '"{name}" is not a valid bucket name: it must be at least 3 characters long.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.tooLong': [
    '"{name}" is not a valid bucket name: it must be at most 63 characters long.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.uppercase': [
    '"{name}" is not a valid bucket name: it must not contain uppercase letters.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.characters': [
    '"{name}" is not a valid bucket name: only lowercase letters, digits, dots (.) and hyphens (-) are allowed.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.start': [
    '"{name}" is not a valid bucket name: it must start with a letter or digit.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.end': [
    '"{name}" is not a valid bucket name: it must end with a letter or digit.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.doubleDot': [
    '"{name}" is not a valid bucket name: it must not contain two dots in a row.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.dotHyphen': [
    '"{name}" is not a valid bucket name: a dot must not be next to a hyphen.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.ipAddress': [
    '"{name}" is not a valid bucket name: it must not look like an IP address.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.xn': [
    '"{name}" is not a valid bucket name: it must not start with "xn--".',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.reservedSuffix': [
    '"{name}" is not a valid bucket name: the suffixes "-s3alias" and "--ol-s3" are reserved.',
    'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
  ],
  'bucketName.notAName': [
    '"{name}" is not a bucket name.',
    'Bucket names have no slashes or spaces.',
  ],
  'endpoint.credentials': [
    'The endpoint URL must not contain a user name or password.',
    'Put the keys in the access key and secret key fields instead.',
  ],
  'endpoint.invalid': [
    '"{endpoint}" is not a valid endpoint URL.',
    'Write it as http://host:port or https://host, e.g. http://localhost:9000.',
  ],
  'endpoint.path': [
    'The endpoint "{endpoint}" has a path or query; S3 endpoints are just a scheme, host and port.',
    'Use {base} and choose the bucket separately.',
  ],
  'endpoint.placeholder': [
    'The endpoint "{endpoint}" still has a <placeholder> in it.',
    'Replace the part in angle brackets, e.g. your account ID or region.',
  ],
  'endpoint.scheme': [
    'The endpoint must use http or https, not {scheme}.',
    'Write it as http://host:port or https://host.',
  ],
  'keychain.unavailable': [
    'Ferry cannot save the secret key: no system keychain is available.',
    'Start a keyring (GNOME Keyring or KWallet) and restart Ferry, or use environment variables.',
  ],
  'keychain.undecryptable': [
    'The saved secret key of this profile cannot be decrypted.',
    'The system keychain may be locked or was reset; unlock it, or enter the secret key again.',
  ],
  'network.closed': [
    'The connection to {endpoint} closed while sending.',
    'Retry; if it keeps happening, check the server logs.',
  ],
  'network.closed.anywhere': [
    'The connection to the server closed while sending.',
    'Retry; if it keeps happening, check the server logs.',
  ],
  'network.dns': [
    'The host name of {endpoint} could not be resolved.',
    'Check the spelling of the endpoint host, or your DNS and network connection.',
  ],
  'network.dns.anywhere': [
    'The host name of the endpoint could not be resolved.',
    'Check the spelling of the endpoint host, or your DNS and network connection.',
  ],
  'network.refused': [
    'Nothing is listening at {endpoint}.',
    'Check the endpoint URL and port, and that the server is running.',
  ],
  'network.refused.anywhere': [
    'Nothing is listening at the endpoint.',
    'Check the endpoint URL and port, and that the server is running.',
  ],
  'network.reset': [
    'The connection to {endpoint} was reset.',
    'Retry; if it keeps happening, check proxies, firewalls and the server logs.',
  ],
  'network.reset.anywhere': [
    'The connection to the server was reset.',
    'Retry; if it keeps happening, check proxies, firewalls and the server logs.',
  ],
  'network.timeout': [
    '{endpoint} did not answer in time.',
    'Check that the endpoint is reachable from this machine (VPN, firewall), then retry.',
  ],
  'network.timeout.anywhere': [
    'The server did not answer in time.',
    'Check that the endpoint is reachable from this machine (VPN, firewall), then retry.',
  ],
  'profile.accessKeyEmpty': [
    'The access key is empty.',
    'Enter the access key ID the server gave you.',
  ],
  'profile.badRegion': [
    '"{region}" is not a region name.',
    'Use a region like us-east-1, or auto for Cloudflare R2.',
  ],
  'profile.caUnreadable': [
    'The CA file {file} cannot be read.',
    'Give the full path of a PEM certificate file you can read.',
  ],
  'profile.caUnreadableStored': [
    'The CA file {file} cannot be read.',
    'Check the path in the profile, and that the file is a PEM certificate you can read.',
  ],
  'profile.fromEnvironment': [
    'The profile "{name}" comes from the environment and cannot be edited.',
    'Change the AWS_* variables, or save a copy under another name.',
  ],
  'profile.noAccessKey': [
    'The profile "{name}" has no access key.',
    'Edit the profile and enter both the access key and the secret key.',
  ],
  'profile.noSecretKey': [
    'The profile "{name}" has no secret key.',
    'Edit the profile and enter both the access key and the secret key.',
  ],
  'profile.notFound': ['There is no connection profile named "{id}".', 'Known profiles: {known}.'],
  'profile.notFoundNone': [
    'There is no connection profile named "{id}".',
    'Add a profile first (ferry profiles add), or set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
  ],
  'profile.secretKeyEmpty': [
    'The secret key is empty.',
    'Enter the secret key that goes with the access key.',
  ],
  'profile.secretKeyEmptyKeep': [
    'The secret key is empty.',
    'Enter the secret key, or leave the field out to keep the stored one.',
  ],
  'profile.secretKeyNeeded': [
    'A new profile needs a secret key.',
    'Enter the secret key that goes with the access key.',
  ],
  'server.failed': [
    'The server failed with HTTP {status}{detail}.',
    'Retry in a moment; if it persists, check the server logs.',
  ],
  'server.redirect': [
    'The server redirected the request elsewhere (wrong region or addressing style).',
    "Turn on path-style addressing for this profile, or set the bucket's region.",
  ],
  'server.refused': [
    'The server refused the request: {code}{detail}',
    "That is the server's own answer: it may not support this request, or may need a setting changed. Its documentation or logs say more.",
  ],
  'server.refusedSilently': [
    'The server refused the request with HTTP {status} and gave no reason.',
    "Answers to some requests (HEAD) carry no text; the server's logs say why.",
  ],
  'server.slowDown': [
    'The server asks Ferry to slow down.',
    'Ferry retries with backoff; lower the concurrency if it keeps happening.',
  ],
  'server.tooLarge': [
    'The object is larger than the server accepts in one request.',
    'Upload it with multipart (Ferry does this automatically above the part size).',
  ],
  'server.unavailable': [
    'The server is unavailable or overloaded (503).',
    'Wait a moment and retry; lower the concurrency if it keeps happening.',
  ],
  'server.unexpected': [
    'The server answered HTTP {status} with something other than S3.',
    'Check the endpoint: it may not be an S3 server (a web page, a proxy or the console port).',
  ],
  'server.unsupported': [
    'This server does not support {operation}.',
    'It answered 501 Not Implemented to {api}: the feature is missing on this server, not broken. Use a server that has it, or do without.',
  ],
  'server.unsupported.unnamed': [
    'This server does not support this request.',
    'It answered 501 Not Implemented to this request: the feature is missing on this server, not broken. Use a server that has it, or do without.',
  ],
  'server.virtualHost': [
    'The host name {bucket}.… could not be resolved: virtual-hosted addressing puts the bucket name in the host name.',
    'Turn on path-style addressing for this profile (most self-hosted servers need it), or check the endpoint.',
  ],
  'tls.notHttps': [
    'The server at {endpoint} does not speak HTTPS on that port.',
    'Try http:// instead of https://, or check the port.',
  ],
  'tls.notHttps.anywhere': [
    'The server at the endpoint does not speak HTTPS on that port.',
    'Try http:// instead of https://, or check the port.',
  ],
  'tls.untrusted': [
    "The server's TLS certificate is not trusted ({code}).",
    'Add the server\'s CA certificate to the profile ("CA certificate"); for a lab server only, accept an unverified certificate.',
  ],
  'tls.wrongHost': [
    "The server's certificate is not valid for the host in {endpoint}.",
    'Use the host name the certificate was issued for, or fix the server certificate.',
  ],
  'tls.wrongHost.anywhere': [
    "The server's certificate is not valid for the host in the endpoint.",
    'Use the host name the certificate was issued for, or fix the server certificate.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
