import type { ErrorKey } from '../error-keys.js';

/** One engine error in one language: what happened, and what to do. `{name}` marks a parameter. */
export type ErrorText = readonly [message: string, hint: string];

/** English texts of every engine error key (the engine's own English, with its values as parameters). */
export const enErrors: Record<ErrorKey, ErrorText> = {
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
  'cli.noAccessKey': [
    'No access key was given.',
    'Pass --access-key and --secret-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
  ],
  'cli.noSecretKey': [
    'No secret key was given.',
    'Pass --access-key and --secret-key, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
  ],
  'cli.noConnection': [
    'No connection is configured.',
    'Set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --endpoint, --access-key and --secret-key, or save a profile with `ferry profiles add`.',
  ],
  'cli.noProfileChosen': [
    'No connection was chosen.',
    'Pass --profile with one of your saved profiles: {profiles}.',
  ],
  'cli.usage': ['{message}', '{hint}'],
  'contract.failed': [
    '{name} failed unexpectedly.',
    'This is a bug in Ferry; the log has the details.',
  ],
  'contract.invalidRequest': [
    'Invalid request for {name}: {detail}.',
    'Correct the highlighted value and try again.',
  ],
  'contract.unknownCommand': [
    'Unknown command "{name}".',
    'The page and the engine disagree on the contract; reload the page.',
  ],
  relayed: ['{message}', '{hint}'],
  'copy.intoItself': [
    'A folder cannot be copied or moved into itself.',
    'Choose a target outside the source folder.',
  ],
  'copy.sameObject': [
    'The source and the target are the same object.',
    'Give the copy another name or folder.',
  ],
  'copy.sourceNotFolder': [
    '"{key}" is not a folder.',
    'A recursive copy takes a folder: end the key with "/".',
  ],
  'copy.targetNotFolder': [
    '"{key}" is not a folder.',
    'The target of a recursive copy is a folder: end it with "/".',
  ],
  'desktop.fileMoved': [
    '{file} is no longer where Ferry saved it.',
    'It may have been moved or deleted; download it again if you need it.',
  ],
  'desktop.notTransferred': [
    'Ferry only shows and opens files it transferred itself.',
    'Open the file from your file manager instead.',
  ],
  'desktopOnly.pickFolder': [
    'Choosing a folder with the system picker is only available in the Ferry desktop app.',
    'In the browser, use the download button instead; install the desktop app for native integration.',
  ],
  'desktopOnly.reveal': [
    'Showing a file in its folder is only available in the Ferry desktop app.',
    'In the browser, use the download button instead; install the desktop app for native integration.',
  ],
  'desktopOnly.open': [
    'Opening a downloaded file is only available in the Ferry desktop app.',
    'In the browser, use the download button instead; install the desktop app for native integration.',
  ],
  'desktopOnly.dragOut': [
    'Dragging objects to the desktop is only available in the Ferry desktop app.',
    'In the browser, use the download button instead; install the desktop app for native integration.',
  ],
  'desktopOnly.keychain': [
    'The system keychain is only available in the Ferry desktop app.',
    'In the browser, use the download button instead; install the desktop app for native integration.',
  ],
  'desktop.openFailed': [
    'The file could not be opened: {detail}',
    'Reveal it in its folder and open it from there.',
  ],
  'desktop.refuseExecutable': [
    'Ferry does not start programs or scripts it downloaded.',
    'Reveal the file in its folder and open it from there if you trust it.',
  ],
  'download.cutShort': [
    'The download of {key} stopped after {bytes} of {total} bytes.',
    'The connection was cut; try again.',
  ],
  'download.endedEarly': ['The download ended early.', 'Ferry retries it.'],
  'download.fileExists': [
    '{file} already exists.',
    'Choose to overwrite it, keep both, or skip it.',
  ],
  'download.objectChanged': [
    'The object "{key}" changed on the server during the download.',
    'Ferry starts such a download over rather than splice two versions; retry if it keeps changing.',
  ],
  'download.unsafeKey': [
    'The key "{key}" would be written outside the chosen folder; Ferry skipped it.',
    'Rename the object on the server, or download it on its own to a file name you choose.',
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
  'internal.unexpected': [
    'Unexpected failure: {detail}',
    'This is a bug in Ferry; please report it with the steps that led here.',
  ],
  'operation.cancelled': ['The operation was cancelled.', 'Start it again when you are ready.'],
  'keychain.unavailable': [
    'Ferry cannot save the secret key: no system keychain is available.',
    'Start a keyring (GNOME Keyring or KWallet) and restart Ferry, or use environment variables.',
  ],
  'keychain.undecryptable': [
    'The saved secret key of this profile cannot be decrypted.',
    'The system keychain may be locked or was reset; unlock it, or enter the secret key again.',
  ],
  'listing.duplicateId': [
    'A listing with id "{id}" is already running.',
    'Use a new id for each listing.',
  ],
  'local.diskFull': [
    'The disk is full while writing {file}.',
    'Free some space, then retry: Ferry keeps what it downloaded and continues from there.',
  ],
  'local.failed': ['Reading or writing {file} failed.', 'Check the disk and the file, then retry.'],
  'local.failedCode': [
    'Reading or writing {file} failed ({code}).',
    'Check the disk and the file, then retry.',
  ],
  'local.isFolder': [
    '{file} is a folder.',
    'Upload folders with -r (the command line) or drop the folder itself.',
  ],
  'local.missing': [
    '{file} does not exist (any more).',
    'Check the path; the file may have been moved or deleted.',
  ],
  'local.notFolder': [
    '{file} is a file, not a folder.',
    'Choose another folder, or move that file aside, then retry.',
  ],
  'local.permission': [
    'Ferry may not read or write {file}.',
    'Check the permissions of the file and its folder.',
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
  'object.badMetadataName': [
    '"{name}" cannot be a metadata name.',
    'Use letters, digits and hyphens (it is sent as an HTTP header, x-amz-meta-NAME).',
  ],
  'object.changed': [
    '"{key}" changed on the server while Ferry was working on it.',
    'Refresh and try again; nothing was overwritten.',
  ],
  'object.changed.unnamed': [
    'The object changed on the server while Ferry was working on it.',
    'Refresh and try again; nothing was overwritten.',
  ],
  'object.exists': [
    's3://{bucket}/{key} already exists.',
    'Choose another name, or allow overwriting (--overwrite) to replace it.',
  ],
  'object.noSuch': [
    'The object "{key}" does not exist.',
    'It may have been deleted or renamed; refresh the listing.',
  ],
  'object.noSuch.unnamed': [
    'The object does not exist.',
    'It may have been deleted or renamed; refresh the listing.',
  ],
  'objectKey.control': [
    'The object key contains control characters.',
    'Remove tabs, newlines and other control characters from the name.',
  ],
  'objectKey.dotSegment': [
    'The key "{key}" has a "." or ".." path segment.',
    'RustFS and other servers refuse such keys, and they are ambiguous as paths; rename it without them.',
  ],
  'objectKey.empty': ['The object key is empty.', 'Give the object a name.'],
  'objectKey.emptyRead': ['The object key is empty.', 'Check the key.'],
  'objectKey.emptySegment': [
    'The key "{key}" has an empty path segment ("//").',
    'RustFS refuses keys with "//"; remove the doubled slash.',
  ],
  'objectKey.leadingSlash': [
    'The key "{key}" starts with "/".',
    'Keys are relative to the bucket; remove the leading slash.',
  ],
  'objectKey.tooLong': [
    'The object key is {bytes} bytes long; S3 allows at most {max} bytes (UTF-8).',
    'Use a shorter name or fewer folder levels.',
  ],
  'objectKey.tooLongRead': [
    'The object key is {bytes} bytes long; S3 allows at most {max} bytes (UTF-8).',
    'Check the key.',
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
  'serve.uploadParams': [
    'The upload needs profileId, bucket and key.',
    'Pass them in the query string.',
  ],
  'serve.usePut': ['Use PUT to upload.', 'Send the file as the body of a PUT request.'],
  'server.failed': [
    'The server failed with HTTP {status}{detail}.',
    'Retry in a moment; if it persists, check the server logs.',
  ],
  'server.redirect': [
    'The server redirected the request elsewhere (wrong region or addressing style).',
    "Turn on path-style addressing for this profile, or set the bucket's region.",
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
    'The server answered HTTP {status}{detail}.',
    'Check the endpoint: it may not be an S3 server, or it may not support this operation.',
  ],
  'server.virtualHost': [
    'The host name {bucket}.… could not be resolved: virtual-hosted addressing puts the bucket name in the host name.',
    'Turn on path-style addressing for this profile (most self-hosted servers need it), or check the endpoint.',
  ],
  'share.tooLong': [
    'A link cannot stay valid for {duration}: presigned links last at most 7 days.',
    'S3 signatures (SigV4) expire after 7 days at most; choose 7d or less, and share a new link later.',
  ],
  'share.tooShort': [
    'A link must stay valid for at least 1 minute (got {seconds} seconds).',
    'Use an expiry from 1 minute to 7 days, e.g. 10m, 12h or 7d.',
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
  'transfer.cancelled': ['The transfer was cancelled.', 'Start it again when you are ready.'],
  'transfer.cancelledShort': ['Cancelled.', 'Start it again when you are ready.'],
  'transfer.fileTooLarge': [
    '{file} is {size} TiB; S3 objects can be at most 5 TiB.',
    'Split the file (e.g. with `split -b 1T`) and upload the pieces.',
  ],
  'transfer.folderNeedsRecursive': [
    '{file} is a folder.',
    'Add -r to copy a folder and everything in it.',
  ],
  'transfer.integrity': [
    '{what} failed its integrity check (expected {expected}, got {actual}).',
    'The data was damaged on the way or changed meanwhile; retry the transfer. Ferry did not report it as done.',
  ],
  'transfer.notRegularFile': [
    '{file} is not a regular file; Ferry uploads regular files only.',
    'Copy the data into a regular file first, then upload that file.',
  ],
  'transfer.notRegularFile.fifo': [
    '{file} is a named pipe (FIFO), not a regular file; Ferry uploads regular files only.',
    'Copy the data into a regular file first, then upload that file.',
  ],
  'transfer.notRegularFile.socket': [
    '{file} is a socket, not a regular file; Ferry uploads regular files only.',
    'Copy the data into a regular file first, then upload that file.',
  ],
  'transfer.notRegularFile.device': [
    '{file} is a device, not a regular file; Ferry uploads regular files only.',
    'Copy the data into a regular file first, then upload that file.',
  ],
  'transfer.paused': ['Paused.', 'Resume it to continue.'],
  'transfer.shuttingDown': ['Ferry is shutting down.', 'Start the transfer again.'],
  'transfer.sourceChanged': [
    '{file} {detail} while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.sourceChanged.moved': [
    '{file} was deleted or moved while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.sourceChanged.replaced': [
    '{file} was replaced while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.sourceChanged.shrank': [
    '{file} shrank while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.sourceChanged.grew': [
    '{file} grew while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.sourceChanged.modified': [
    '{file} was modified while it was being uploaded; Ferry did not publish a partial or mixed object.',
    'Retry once the file is no longer being written.',
  ],
  'transfer.stalled': [
    'The transfer stopped moving for {seconds} seconds.',
    'Ferry retries stalled transfers; check the network if it keeps happening.',
  ],
  'watch.alreadyWatched': [
    'The folder {folder} is already watched.',
    'A file must belong to one watch only: remove or change the other watch, or watch a folder beside it.',
  ],
  'watch.badPrefix.tooLong': [
    'The prefix "{prefix}" cannot be used: object keys are limited to 1,024 bytes.',
    'Choose a prefix made of plain names separated by single slashes, like "backups/laptop/".',
  ],
  'watch.badPrefix.controlCharacter': [
    'The prefix "{prefix}" cannot be used: it contains a control character (such as a newline).',
    'Choose a prefix made of plain names separated by single slashes, like "backups/laptop/".',
  ],
  'watch.badPrefix.dotSegment': [
    'The prefix "{prefix}" cannot be used: it contains a "{segment}" segment.',
    'Choose a prefix made of plain names separated by single slashes, like "backups/laptop/".',
  ],
  'watch.badPrefix.emptySegment': [
    'The prefix "{prefix}" cannot be used: it contains an empty path segment ("//").',
    'Choose a prefix made of plain names separated by single slashes, like "backups/laptop/".',
  ],
  'watch.deleteRefused': [
    'The server refused to delete {key}: {detail}.',
    'Check the permissions of these keys; the other deletes went through.',
  ],
  'watch.fileUnreadable': [
    '{file} cannot be read ({code}).',
    'Give your user read permission on the file, or exclude it from the watch.',
  ],
  'watch.folderGone': [
    'The watched folder {folder} is missing or unmounted.',
    'Reconnect the disk or restore the folder; Ferry resumes by itself and deletes nothing meanwhile.',
  ],
  'watch.folderMissing': [
    'The folder {folder} does not exist or cannot be reached.',
    'Check the path, and that the disk holding it is mounted.',
  ],
  'watch.isFile': [
    '{folder} is a file, not a folder.',
    'Choose the folder that holds the files to upload, not one of the files.',
  ],
  'watch.notAbsolute': [
    'The folder "{folder}" is not an absolute path.',
    'Choose the folder again, or give its full path.',
  ],
  'watch.notFound': [
    'There is no watch "{id}".',
    'It may have been removed; refresh the list of watched folders.',
  ],
  'watch.notRunning': ['The watch "{id}" is not running.', 'Restart Ferry.'],
  'watch.overlap': [
    'The folder {folder} overlaps the watched folder {other}.',
    'A file must belong to one watch only: remove or change the other watch, or watch a folder beside it.',
  ],
  'watch.paused': ['This watch is paused.', 'Resume it to sync; it catches up by itself.'],
  'watch.rootMissing': [
    'The watched folder {folder} is missing or not a folder.',
    'Reconnect the disk or restore the folder; Ferry deletes nothing while it is gone.',
  ],
  'watch.watcherLimit': [
    'The system ran out of file-watch handles, so Ferry checks this folder by polling (slower).',
    'On Linux raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf).',
  ],
};
