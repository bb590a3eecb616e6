import type { ErrorKey } from '../error-keys.js';
import type { ErrorText } from './errors-en.js';

/**
 * English texts of the command line's own errors: the connection it could not make, and `cli.usage.*`, the
 * mistakes in a command's words (flags, arguments, S3 addresses). `{usage}` is a command's usage lines and
 * `{help}` the command that prints its help; both are command syntax, the same in every language.
 */
export const enCliErrors = {
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
  'cli.sync.deletesHeldBack.local': [
    '{count} files would be deleted, more than the safety cap allows.',
    'Check the source is the right one, then re-run with --max-delete {count} (or --force-delete).',
  ],
  'cli.sync.deletesHeldBack.remote': [
    '{count} remote objects would be deleted, more than the safety cap allows.',
    'Check the folder is the right one (and mounted), then re-run with --max-delete {count} (or --force-delete).',
  ],
  'cli.sync.emptiedHeldBack.folder': [
    '{count} remote objects would be deleted because the folder {folder} holds no files where they were synced; nothing was deleted.',
    'An empty folder is more often an unmounted disk or a wrong path than a wish, so --max-delete does not lift this guard. If you emptied it on purpose, re-run with --force-delete.',
  ],
  'cli.sync.emptiedHeldBack.toFolder': [
    '{count} files would be deleted because {source} lists no objects where they were synced; nothing was deleted.',
    'An empty listing is more often a wrong bucket, prefix or connection than a wish, so --max-delete does not lift this guard. If it was emptied on purpose, re-run with --force-delete.',
  ],
  'cli.sync.emptiedHeldBack.toBucket': [
    '{count} objects of the target would be deleted because {source} lists no objects where they were synced; nothing was deleted.',
    'An empty listing is more often a wrong bucket, prefix or connection than a wish, so --max-delete does not lift this guard. If it was emptied on purpose, re-run with --force-delete.',
  ],
  'cli.watch.emptiedFolder': [
    '{count} deletes held back: the folder {folder} holds no files where they were synced, and an empty folder is never read as "delete everything"; nothing was deleted.',
    'If a disk is unmounted or the path is wrong, fix that and the watch goes on. If you emptied the folder on purpose, delete the objects too (`ferry rm -r {url}`) and start the watch again; --max-delete does not lift this guard.',
  ],
  'cli.watch.emptiedBucket': [
    '{count} deletes held back: {url} lists no objects where files were synced, and an empty listing is never read as "delete everything"; nothing was deleted.',
    'If the bucket, prefix or connection is wrong, fix that. If the objects were deleted on purpose, delete the files in {folder} too and start the watch again; --max-delete does not lift this guard.',
  ],
  'cli.watch.noConflict': [
    'The watch "{watch}" has no open conflict "{id}".',
    'It may have been resolved already; `ferry watch conflicts {watch}` lists the open ones.',
  ],
  'cli.watch.noWatch': [
    'There is no watch "{id}".',
    '`ferry watch conflicts` lists every open conflict with its watch id.',
  ],
  // Commands, options and arguments, whatever the command
  'cli.usage.unknownCommand': ['Unknown command "{name}".', 'Commands: {commands}.'],
  'cli.usage.unknownOption': ['Unknown option {option}.', 'Run `{help}` for the options.'],
  'cli.usage.dashValue': [
    '{option} "{value}": a value cannot start with a dash.',
    'Sizes and counts cannot be negative; if the value was left out, add it after {option} (see `{help}`).',
  ],
  'cli.usage.optionAsValue': [
    '{option} is followed by the option {value}, not by a value.',
    'Add the value after {option}; a value that starts like an option is written {option}=VALUE (see `{help}`).',
  ],
  'cli.usage.missingValue': ['{option} needs a value.', 'Run `{help}` for usage.'],
  'cli.usage.noValue': ['{option} takes no value.', 'Run `{help}` for usage.'],
  'cli.usage.options': ['The options could not be read: {detail}.', 'Run `{help}` for usage.'],
  'cli.usage.missingArgument': ['Missing argument.', 'Usage: {usage}'],
  'cli.usage.unexpectedArgument': ['Unexpected argument "{argument}".', 'Usage: {usage}'],
  'cli.usage.action': ['Usage: {usage}.', 'Run `{help}` for the options.'],
  'cli.usage.notSize': [
    '{option} "{value}" is not a size.',
    'Write a number of bytes with an optional unit, e.g. {option} 64M or {option} 1G.',
  ],
  'cli.usage.notDays': [
    '{option} "{value}" is not a number of days.',
    'Give a whole number of days, 1 or more (e.g. {option} 30).',
  ],
  // S3 addresses
  'cli.usage.notS3.location': [
    '"{argument}" is not an S3 location.',
    'Write it as s3://bucket/key, e.g. s3://photos/2024/cat.jpg.',
  ],
  'cli.usage.notS3.bucket': [
    '"{argument}" is not an S3 bucket.',
    'Write it as s3://bucket/key, e.g. s3://photos/2024/cat.jpg.',
  ],
  'cli.usage.notS3.object': [
    '"{argument}" is not an S3 object.',
    'Write it as s3://bucket/key, e.g. s3://photos/2024/cat.jpg.',
  ],
  'cli.usage.notS3.bucketOrFolder': [
    '"{argument}" is not an S3 bucket or folder.',
    'Write it as s3://bucket/key, e.g. s3://photos/2024/cat.jpg.',
  ],
  'cli.usage.noBucket': ['"{argument}" names no bucket.', 'Write it as s3://bucket/key.'],
  'cli.usage.objectNotBucket': ['"{argument}" names an object, not a bucket.', 'Usage: {usage}'],
  'cli.usage.bucketNotObject': ['"{argument}" names a bucket, not an object.', 'Usage: {usage}'],
  'cli.usage.notObject': ['"{argument}" is not an object.', 'Usage: {usage}'],
  // cp, mv, rm and versions
  'cli.usage.cp.arguments': [
    'cp needs a source and a destination.',
    'Example: ferry cp photo.jpg s3://bucket/photos/',
  ],
  'cli.usage.cp.contentType': [
    '--content-type "{value}" is not a media type.',
    'Give type/subtype, e.g. --content-type text/html or "text/plain; charset=utf-8".',
  ],
  'cli.usage.cp.contentTypeNotUpload': [
    '--content-type applies to uploads of local files.',
    'Downloads and S3 → S3 copies keep the type the object has; change it in its properties.',
  ],
  'cli.usage.cp.conflict': ['--conflict "{value}" is not a policy.', 'Use one of: {policies}.'],
  'cli.usage.cp.mixedSources': [
    'Mixing local and s3:// sources in one copy is not supported.',
    'Copy the local files and the S3 objects in two commands.',
  ],
  'cli.usage.cp.noS3Side': [
    'Neither side of the copy is an s3:// address.',
    'Use cp for local files; ferry cp copies to or from S3.',
  ],
  'cli.usage.cp.oneDownload': [
    'Download one s3:// address at a time.',
    'Use -r with a prefix to copy many objects.',
  ],
  'cli.usage.cp.concurrency': [
    '--concurrency "{value}" is not a number from 1 to 64.',
    'For example: --concurrency 8.',
  ],
  'cli.usage.cp.partSize': [
    "--part-size {value} is outside S3's limits.",
    'S3 parts are 5 MiB to 5 GiB; e.g. --part-size 64M.',
  ],
  'cli.usage.cp.limitRate': [
    '--limit-rate {value} is less than one byte per second.',
    'Give a rate such as --limit-rate 512k, or 0 for no limit.',
  ],
  'cli.usage.cp.folder': ['{path} is a folder.', 'Add -r to copy a folder and everything in it.'],
  'cli.usage.cp.prefix': [
    '{source} is a prefix (a folder).',
    'Add -r to copy everything under it.',
  ],
  'cli.usage.cp.localPath': [
    '"{path}" is a local path; this {command} copies between S3 locations only.',
    'Usage: {usage}',
  ],
  'cli.usage.rm.bucketsDiffer': [
    'All objects must be in the same bucket.',
    'Run ferry rm once per bucket.',
  ],
  'cli.usage.rm.bucket': [
    '"s3://{bucket}" names a bucket, not an object.',
    'Use ferry rb to remove a bucket, or rm -r s3://bucket/ to empty it.',
  ],
  'cli.usage.rm.folder': [
    '"{key}" is a folder.',
    'Use rm -r to delete a folder and everything in it.',
  ],
  'cli.usage.version.noId': [
    '--version-id needs an id.',
    'Find the ids with ferry ls --versions s3://bucket/key.',
  ],
  'cli.usage.version.download': [
    '--version-id downloads one version of one object.',
    'Usage: ferry cp --version-id ID s3://bucket/key LOCAL (to bring a version back, use ferry restore).',
  ],
  'cli.usage.version.notObject': [
    '{source} is not an object.',
    'Name the object whose version to download.',
  ],
  'cli.usage.restore.how': ['Give either --version-id ID or --undelete.', 'Usage: {usage}'],
  'cli.usage.presign.duration': [
    '"{value}" is not a duration.',
    'Write it like 90s, 10m, 12h or 7d (at most 7 days).',
  ],
  // serve, sync and watch
  'cli.usage.serve.host': [
    'Refusing to listen on {host}: ferry serve only listens on this machine.',
    'To reach it from elsewhere, use an SSH tunnel: ssh -L 8080:127.0.0.1:PORT host.',
  ],
  'cli.usage.serve.port': [
    '"{value}" is not a port number.',
    'Use a number from 1 to 65535, or leave it out.',
  ],
  'cli.usage.sync.maxDelete': [
    '"{value}" is not a number of objects.',
    'Give --max-delete a whole number, 0 or more (e.g. --max-delete 100).',
  ],
  'cli.usage.sync.pair': ['Expected a source and a destination.', 'Usage: {usage}'],
  'cli.usage.sync.overlap': [
    '{source} and {destination} overlap.',
    'Sync into another bucket, or into a prefix beside the source, not inside it.',
  ],
  'cli.usage.watch.target': ['Expected a folder and an s3://bucket/prefix.', 'Usage: {usage}'],
  'cli.usage.watch.stability': [
    '"{value}" is not a stability window.',
    'Give milliseconds, 100 or more.',
  ],
  'cli.usage.watch.mode': ['"{value}" is not a mode.', 'Give upload, download or two-way.'],
  'cli.usage.watch.poll': [
    '"{value}" is not a poll interval.',
    'Give whole seconds, from 5 to 86400.',
  ],
  'cli.usage.followSymlinks.cp': [
    '--follow-symlinks applies to uploads of local folders.',
    'Downloads never write through a symbolic link.',
  ],
  'cli.usage.followSymlinks.sync': [
    '--follow-symlinks applies to a sync from a folder.',
    'A sync into a folder never writes through a symbolic link.',
  ],
  'cli.usage.followSymlinks.watch': [
    '--follow-symlinks applies to upload watches.',
    'A watch that writes into the folder never writes through a symbolic link.',
  ],
  'cli.usage.watch.conflictsArguments': ['Expected at most one watch id.', 'Usage: {usage}'],
  'cli.usage.watch.resolveArguments': ['Expected a watch id and a conflict id.', 'Usage: {usage}'],
  'cli.usage.watch.keep': ['"{value}" is not a choice.', 'Usage: {usage}'],
  // profiles
  'cli.usage.profiles.addName': ['Give the profile one name.', 'Usage: {usage}'],
  'cli.usage.profiles.preset': ['Unknown preset "{preset}".', 'Presets: {presets}.'],
  'cli.usage.profiles.subcommand': [
    'Unknown subcommand "{subcommand}".',
    'Use list, add, import, test or remove.',
  ],
  'cli.usage.profiles.removeName': ['Name one profile to remove.', 'Usage: {usage}'],
  // bucket settings: policy, lock, tags, lifecycle, CORS, uploads
  'cli.usage.policy.action': ['Unknown policy action "{action}".', 'Usage: {usage}'],
  'cli.usage.policy.noAction': ['Missing get, set or remove.', 'Usage: {usage}'],
  'cli.usage.policy.noAccess': ['Missing private, public-read or a policy file.', 'Usage: {usage}'],
  'cli.usage.policy.customOnFolder': [
    'A custom policy is for the whole bucket, not a folder.',
    'Write it as: ferry policy set s3://{bucket} {file}',
  ],
  'cli.usage.policy.unreadable': [
    '"{file}" is neither private, public-read nor a readable policy file.',
    'Usage: {usage}',
  ],
  'cli.usage.lock.legalHold': ['--legal-hold "{value}" is neither on nor off.', 'Usage: {usage}'],
  'cli.usage.lock.mode': ['--mode "{value}" is not GOVERNANCE or COMPLIANCE.', 'Usage: {usage}'],
  'cli.usage.lock.retention': [
    'Give an object, and --mode with --until together.',
    'Usage: {usage}',
  ],
  'cli.usage.lock.nothing': ['Nothing to set.', 'Pass --mode with --until, or --legal-hold.'],
  'cli.usage.tag.notTag': [
    '"{argument}" is not a tag.',
    'Write each tag as key=value, e.g. team=web.',
  ],
  'cli.usage.cors.unreadable': [
    'Cannot read {file} ({code}).',
    'Give the path of a JSON file with the CORS rules.',
  ],
  'cli.usage.uploads.which': [
    'Say which uploads to abort.',
    'Pass --all for every incomplete upload in the bucket, or --key KEY.',
  ],
} satisfies Partial<Record<ErrorKey, ErrorText>>;
