import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/** English texts of the errors of the work itself: objects, transfers, watched folders, the faces. */
export const enWorkErrors = {
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
  'copy.noFreeName': [
    'Every name from "{key} (1)" to "(99)" is taken.',
    'Rename some of the copies, or choose another folder.',
  ],
  'copy.notVerified': [
    'The copy of {key} does not match its source; the source was kept.',
    'Check the copy, then move it again.',
  ],
  'copy.planGone': ['This paste is no longer waiting to start.', 'Paste again.'],
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
  'desktop.notFerryPage': [
    'This page may not talk to Ferry.',
    'Only the Ferry window can send commands.',
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
  'internal.unexpected': [
    'Unexpected failure: {detail}',
    'This is a bug in Ferry; please report it with the steps that led here.',
  ],
  'operation.cancelled': ['The operation was cancelled.', 'Start it again when you are ready.'],
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
  'local.folderUnreadable': [
    'The folder {file} cannot be read, so nothing in it was copied.',
    'Check its permissions (Ferry must be able to list it), then copy it again.',
  ],
  'local.isFolder': [
    '{file} is a folder.',
    'Upload folders with -r (the command line) or drop the folder itself.',
  ],
  'local.linkBroken': [
    '{file} is a symbolic link that leads nowhere Ferry can read ({code}), so it was not copied.',
    'Fix or remove the link, then copy again.',
  ],
  'local.linkCycle': [
    '{file} is a symbolic link back to a folder that holds it; Ferry did not follow it (it would never end).',
    'Nothing is missing: that folder is copied through its own path.',
  ],
  'local.linkNotFollowed': [
    '{file} is a symbolic link; Ferry follows links only when asked, so it was not copied.',
    'To copy what it points to, add --follow-symlinks (ferry cp -r), or copy the target itself.',
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
  'object.badHeaderValue': [
    'The {header} value cannot hold {char}: HTTP headers are plain ASCII.',
    "Use ASCII only; for a file name in Content-Disposition, write filename*=UTF-8''name with the name percent-encoded (RFC 6266).",
  ],
  'object.badMetadataName': [
    '"{name}" cannot be a metadata name: {char} is not allowed.',
    "Metadata names are sent as HTTP headers (x-amz-meta-NAME): use ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ (values may hold any text).",
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
  'serve.downloadParams': [
    'The download needs profileId, bucket and at least one key.',
    'Pass them in the query string.',
  ],
  'serve.uploadIncomplete': [
    'The browser sent {name} only in part.',
    'Drop or pick the file again.',
  ],
  'serve.uploadParams': [
    'The upload needs profileId, bucket and key.',
    'Pass them in the query string.',
  ],
  'serve.portInUse': [
    'Port {port} on {host} is already in use.',
    'Another program (or another ferry serve) listens there: stop it, choose another --port, or leave --port out for a free one.',
  ],
  'serve.usePut': ['Use PUT to upload.', 'Send the file as the body of a PUT request.'],
  'share.tooLong': [
    'A link cannot stay valid for {duration}: presigned links last at most 7 days.',
    'S3 signatures (SigV4) expire after 7 days at most; choose 7d or less, and share a new link later.',
  ],
  'share.tooShort': [
    'A link must stay valid for at least 1 minute (got {seconds} seconds).',
    'Use an expiry from 1 minute to 7 days, e.g. 10m, 12h or 7d.',
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
  'watch.conflictNotFound': [
    'This conflict is no longer open.',
    'It was resolved already, or its saved copy was deleted; refresh the list of conflicts.',
  ],
  'watch.conflictFileMissing': [
    '{file} is no longer there, so this choice cannot be carried out.',
    'Choose another way to resolve the conflict, or put the file back.',
  ],
  'watch.notFound': [
    'There is no watch "{id}".',
    'It may have been removed; refresh the list of watched folders.',
  ],
  'watch.notRunning': ['The watch "{id}" is not running.', 'Restart Ferry.'],
  'watch.locked': [
    '{folder} is already being watched by another Ferry process (pid {pid}, watching {other}).',
    'Stop that watch first (Ctrl-C where `ferry watch` runs, or remove the watch in the app): two watches of one folder would upload everything twice.',
  ],
  'watch.overlap': [
    'The folder {folder} overlaps the watched folder {other}.',
    'A file must belong to one watch only: remove or change the other watch, or watch a folder beside it.',
  ],
  'watch.paused': ['This watch is paused.', 'Resume it to sync; it catches up by itself.'],
  'watch.retrying': [
    'The upload failed for now.',
    'Ferry keeps retrying and catches up by itself.',
  ],
  'watch.rootMissing': [
    'The watched folder {folder} is missing or not a folder.',
    'Reconnect the disk or restore the folder; Ferry deletes nothing while it is gone.',
  ],
  'watch.watcherLimit': [
    'The system ran out of file-watch handles, so Ferry checks this folder by polling (slower).',
    'On Linux raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf).',
  ],
  // ferry sync SRC DST (bucket → folder, bucket → bucket)
  'sync.folderGone': [
    'The folder {folder} is missing or not a folder, though this sync downloaded into it before. Ferry downloaded and deleted nothing.',
    'Reconnect the disk or restore the folder, then sync again; to download everything anew, make the folder again (empty).',
  ],
  'sync.unsafeKey.dotSegment': [
    'The key "{key}" cannot be a file in the folder: it has a "." or ".." segment. Ferry did not download it.',
    'Rename the object on the server to a plain path like "photos/2024/cat.jpg".',
  ],
  'sync.unsafeKey.absolute': [
    'The key "{key}" cannot be a file in the folder: it is an absolute path. Ferry did not download it.',
    'Rename the object on the server to a plain path like "photos/2024/cat.jpg".',
  ],
  'sync.unsafeKey.backslash': [
    'The key "{key}" cannot be a file in the folder: it contains a backslash. Ferry did not download it.',
    'Rename the object on the server to a plain path like "photos/2024/cat.jpg".',
  ],
  'sync.unsafeKey.emptySegment': [
    'The key "{key}" cannot be a file in the folder: it has an empty segment ("//"). Ferry did not download it.',
    'Rename the object on the server to a plain path like "photos/2024/cat.jpg".',
  ],
  'sync.unsafeKey.controlCharacter': [
    'The key "{key}" cannot be a file in the folder: it contains a control character. Ferry did not download it.',
    'Rename the object on the server to a plain path like "photos/2024/cat.jpg".',
  ],
  'sync.unsafeKey.longSegment': [
    'The key "{key}" cannot be a file in the folder: one of its names is longer than 255 bytes. Ferry did not download it.',
    'Rename the object on the server to shorter names.',
  ],
  'sync.unsafeKey.alsoFolder': [
    'The key "{key}" cannot be a file in the folder: other keys use it as a folder. Ferry did not download it.',
    'Rename the object on the server (a file and a folder cannot share a name here).',
  ],
  'sync.unsafeKey.markerWithContent': [
    'The key "{key}" is a folder marker (its name ends in "/") that holds {size} bytes: a folder cannot be a file. Ferry did not download it.',
    'Rename the object on the server to a name without the final "/" to download its content.',
  ],
  'sync.targetKey.empty': [
    'The key "{key}" would have an empty name at the destination (the marker of the source prefix, copied to the bucket root); Ferry did not copy it.',
    'Copy into a prefix ("s3://bucket/prefix/"), or delete the marker if it is not needed.',
  ],
  'sync.targetKey.tooLong': [
    'The key "{key}" would be {bytes} bytes long at the destination, over the 1,024 bytes S3 allows; Ferry did not copy it.',
    'Copy into a shorter prefix, or rename the object on the server.',
  ],
  'sync.localChanged': [
    '{file} changed while the sync was running; Ferry did not overwrite it.',
    'Run the same sync again: it keeps both versions if the object changed too.',
  ],
  'migration.overlap': [
    '{source} and {target} overlap: the migration would copy its own copies.',
    'Migrate into another bucket, or into a prefix beside the source, not inside it.',
  ],
  'migration.running': [
    'A migration from {source} to {target} is already running.',
    'Wait for it to end, or cancel it and start again: it resumes where it stopped.',
  ],
  'migration.notFound': [
    'Ferry has no such migration.',
    'Ferry keeps the last 50 migrations; start it again: what was copied is not copied twice.',
  ],
  'migration.interrupted': [
    'Ferry stopped while this migration was running (closed, killed or a power cut).',
    'Start it again: what was copied and verified is not copied twice.',
  ],
  'sync.localChangedNotDeleted': [
    '{file} changed while the sync was running; Ferry did not delete it.',
    'Run the same sync again: it keeps both versions if the object changed too.',
  ],
  // Public access and search (issue 19)
  'policy.noAction': [
    'Statement {n} needs an "Action".',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.noEffect': [
    'Statement {n} needs "Effect": "Allow" or "Deny".',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.noPrincipal': [
    'Statement {n} needs a "Principal" ("*" is anyone).',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.noResource': [
    'Statement {n} needs a "Resource".',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.notObject': [
    'Statement {n} is not an object.',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.notText': [
    'Statement {n} has an Action or Resource that is not text or a list of texts.',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.noStatement': [
    'The policy has no "Statement".',
    'A bucket policy is {"Version": "2012-10-17", "Statement": [...]}; each statement needs Effect, Principal, Action and Resource.',
  ],
  'policy.notJson': [
    'The policy is not valid JSON: {detail}.',
    'Check the quotes, commas and brackets near that point.',
  ],
  'policy.otherBucket': [
    'Statement {n} names "{resource}", which is not in the bucket {bucket}.',
    'A bucket policy can only speak of its own bucket: use {arn} or {arn}/prefix*.',
  ],
  'policy.unreadable': [
    'The server answered a bucket policy that is not JSON.',
    'Delete the policy and set it again.',
  ],
  'policy.unsupported': [
    'This server does not support bucket policies.',
    'Public access on S3 servers is a bucket policy, and this server answered 501 Not Implemented: share objects with presigned links instead.',
  ],
  'policy.version': [
    'The policy version "{version}" is not one S3 knows.',
    'Use "Version": "2012-10-17".',
  ],
  'search.emptyPattern': [
    'The search pattern is empty.',
    'Type part of a name, or a glob like *.jpg.',
  ],
  // Versions (issue 19)
  'versions.badFileName': [
    '"{name}" cannot be a file name.',
    'Choose another name for the downloaded version.',
  ],
  'versions.fileExists': [
    '{file} already exists; Ferry did not overwrite it.',
    'Choose another file name, or move the existing file away first.',
  ],
  'versions.markerNotRestorable': [
    'That version of {key} is a delete marker: it holds nothing to restore.',
    'Pick a version with content; to bring a deleted object back, use Undelete.',
  ],
  'versions.notDeleted': [
    '{key} is not deleted.',
    'Only an object whose current version is a delete marker can be undeleted.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
