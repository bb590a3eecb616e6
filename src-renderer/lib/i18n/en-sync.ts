/**
 * English for the sync screens of issue 18: the Migration screen, the watch modes and the conflicts list.
 * Spread into `en` (en.ts), so these keys are message keys like any other.
 */
export const enSync = {
  'nav.migrations': 'Migration',
  'migration.title': 'Migration',
  'migration.subtitle':
    'Copy a bucket, or a folder of it, to another bucket: on the same connection or another server.',
  'migration.source': 'From',
  'migration.target': 'To',
  'migration.connection': 'Connection',
  'migration.bucket': 'Bucket',
  'migration.prefix': 'Folder (prefix, optional)',
  'migration.noBuckets': 'This connection has no buckets.',
  'migration.mirror': 'Also delete at the destination what the source does not have',
  'migration.mirror.warning':
    'Objects only at the destination are deleted for good. Check the plan before you start; above the safety cap (50 objects, or 10% of them) nothing is deleted unless you tick the box below.',
  'migration.confirmDeletes': 'Delete them anyway, above the safety cap',
  'migration.plan': 'Plan',
  'migration.planning': 'Listing both sides…',
  'migration.start': 'Start',
  'migration.cancel': 'Cancel migration',
  'migration.again': 'New migration',
  'migration.plan.title': 'What the migration would do',
  'migration.plan.copies': 'To copy',
  'migration.plan.bytes': 'Size to copy',
  'migration.plan.unchanged': 'Already there',
  'migration.plan.deletes': 'To delete',
  'migration.plan.held': 'Deletes held back',
  'migration.plan.skips': 'Cannot be copied',
  'migration.plan.nothing': 'Nothing to do: the destination already has everything.',
  'migration.plan.nothingToCopy':
    'Nothing to copy: the destination already has every object of the source.',
  'migration.plan.heldBack':
    '{count} delete is held back by the safety cap: nothing will be deleted unless "Delete them anyway" is ticked. | {count} deletes are held back by the safety cap: nothing will be deleted unless "Delete them anyway" is ticked.',
  'migration.plan.first': 'First actions',
  'migration.plan.more': '… and {count} more',
  'migration.action.copy': 'Copy',
  'migration.action.delete': 'Delete',
  'migration.action.keep': 'Keep',
  'migration.action.skip': 'Skip',
  'migration.reason.new': 'new',
  'migration.reason.changed': 'changed at the source',
  'migration.reason.missing': 'missing at the destination',
  'migration.reason.deleted': 'not at the source any more',
  'migration.reason.kept': 'not at the source any more; kept (deleting is off)',
  'migration.state.planning': 'Listing both sides…',
  'migration.state.copying': 'Copying…',
  'migration.state.done': 'Done',
  'migration.state.failed': 'Finished with failures',
  'migration.state.heldBack': 'Finished with deletes held back',
  'migration.state.interrupted': 'Interrupted',
  'migration.state.cancelled': 'Cancelled',
  'migration.progress': 'Progress of the migration',
  'migration.progress.objects': '{done} of {total} objects',
  'migration.progress.bytes': '{done} of {total}',
  'migration.progress.deletes': '{done} of {total} deletes',
  'migration.progress.nothing': 'Nothing to copy or delete',
  'migration.report.title': 'Report',
  'migration.report.copied': 'Copied',
  'migration.report.bytes': 'Bytes copied',
  'migration.report.unchanged': 'Already there',
  'migration.report.deleted': 'Deleted',
  'migration.report.failed': 'Failed',
  'migration.report.held': 'Deletes held back',
  'migration.report.heldBack':
    '{count} delete was held back by the safety cap: nothing was deleted. Check the source is the right one, then start again with "Delete them anyway" ticked. | {count} deletes were held back by the safety cap: nothing was deleted. Check the source is the right one, then start again with "Delete them anyway" ticked.',
  'migration.report.failures': 'What did not go through',
  'migration.report.moreFailures': '… and {count} more failures',
  'migration.report.cancelled':
    'What was copied stays. Start the same migration again to copy the rest.',
  'migration.report.retry':
    'Fix what stopped them and start the same migration again: what was copied is not copied twice.',
  'watches.mode': 'Direction',
  'watches.mode.upload': 'Upload only',
  'watches.mode.upload.help':
    'Files you add or change in the folder go up to the bucket; the bucket is never copied into the folder.',
  'watches.mode.download': 'Download only',
  'watches.mode.download.help':
    'Objects added or changed in the bucket come down into the folder; nothing in the folder is uploaded.',
  'watches.mode.two-way': 'Two-way',
  'watches.mode.two-way.help':
    'Changes on either side reach the other; a file changed on both sides is kept twice and listed as a conflict.',
  // The bucket folder of a watch, named for the direction: files go into it, come from it, or both.
  'watches.prefix.upload': 'Into the folder (prefix)',
  'watches.prefix.download': 'From the folder (prefix)',
  'watches.prefix.two-way': 'Bucket folder (prefix)',
  'watches.prefixHelp.upload':
    'Changing it checks every file against the bucket again under the new prefix; what was uploaded under the old one stays.',
  'watches.prefixHelp.download':
    'Changing it compares the folder with the objects under the new prefix: what is new there comes down, and a file that differs is kept beside the bucket’s version. Nothing here is deleted: what came from the old prefix stays.',
  'watches.prefixHelp.two-way':
    'Changing it compares the folder with the objects under the new prefix, both ways: what is missing there goes up, what is missing here comes down, and a file that differs is kept twice. Nothing is deleted on either side.',
  'watches.poll': 'Check the bucket every (seconds)',
  'watches.poll.help': 'Listing an unchanged bucket is cheap; 60 seconds suits most folders.',
  'watches.conflicts': '{count} conflict | {count} conflicts',
  'watches.conflicts.all': 'Conflicts',
  'watches.mirror.upload':
    'Also delete from the bucket what is deleted here (capped, asks above the limit)',
  'watches.mirror.upload.help': 'Without it, files deleted here stay in the bucket.',
  'watches.mirror.download':
    'Also delete here what is deleted from the bucket (capped, asks above the limit)',
  'watches.mirror.download.help':
    'A file you delete here comes back from the bucket either way: this folder follows the bucket.',
  'watches.mirror.two-way':
    'Mirror deletes both ways: delete from the bucket what is deleted here, and here what is deleted from the bucket (capped, asks above the limit)',
  'watches.mirror.two-way.help':
    'Without it, a file deleted on one side comes back from the other.',
  'watches.count.uploaded': '{count} uploaded',
  'watches.count.downloaded': '{count} downloaded',
  'watches.count.pending': '{count} waiting',
  'watches.count.skipped': '{count} skipped',
  'watches.state.conflicts': 'Has conflicts',
  'watches.state.heldBack': '{count} delete held back | {count} deletes held back',
  'watches.state.keptLocal':
    '{count} local file differs from the bucket | {count} local files differ from the bucket',
  'watches.keptLocal.hint':
    'Kept as you changed it: a download-only watch never overwrites it. Delete or move it to get the bucket’s version again, or switch to Two-way to upload it. | Kept as you changed them: a download-only watch never overwrites them. Delete or move them to get the bucket’s version again, or switch to Two-way to upload them.',
  'watches.heldBack.review': 'Review deletes',
  'watches.heldBack.title': 'Delete {count} file for good? | Delete {count} files for good?',
  'watches.heldBack.body.upload':
    '{count} file is in the bucket but no longer in {folder}. Confirming deletes it from the bucket: it is gone for good. | {count} files are in the bucket but no longer in {folder}. Confirming deletes them from the bucket: they are gone for good.',
  'watches.heldBack.body.download':
    '{count} file deleted from the bucket is still in {folder}. Confirming deletes it from the folder: it is gone for good. | {count} files deleted from the bucket are still in {folder}. Confirming deletes them from the folder: they are gone for good.',
  'watches.heldBack.body.two-way':
    '{count} file deleted on one side is still on the other. Confirming deletes it from the bucket or from the folder {folder}, wherever it remains: it is gone for good. | {count} files deleted on one side are still on the other. Confirming deletes each from the bucket or from the folder {folder}, wherever it remains: they are gone for good.',
  'watches.heldBack.sample': 'Among them',
  'watches.heldBack.more': 'and {count} more',
  'watches.heldBack.inBucket': 'in the bucket',
  'watches.heldBack.inFolder': 'in the folder',
  'watches.heldBack.why':
    'The safety cap held them back: a watch asks before deleting more than {max} files, or {percent}% of them, or everything on one side. Cancel and nothing changes.',
  'watches.heldBack.confirm': 'Delete {count} file | Delete {count} files',
  'conflicts.title': 'Conflicts in {folder}',
  'conflicts.titleAll': 'Conflicts',
  'conflicts.intro':
    'Each file changed both here and in the bucket. Nothing was overwritten: the bucket’s version was saved beside yours.',
  'conflicts.none': 'No conflicts: every file is in step.',
  'conflicts.local': 'Here',
  'conflicts.remote': 'In the bucket',
  'conflicts.savedAs': 'Saved as {path}',
  'conflicts.sizeTime': '{size} · {time}',
  'conflicts.openBoth': 'Open both',
  'conflicts.keepLocal': 'Keep local',
  'conflicts.keepRemote': 'Keep remote',
  'conflicts.keepBoth': 'Keep both',
  'conflicts.paths': 'Open these two files from the machine running Ferry:',
} as const;
