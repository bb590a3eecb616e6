/** `ferry serve`'s download endpoint: one object, or a zip of folders and objects named from `base`. */
export function downloadUrl(
  where: { profileId: string; bucket: string },
  keys: string[],
  base?: string,
  versionId?: string,
): string {
  const query = new URLSearchParams({ profileId: where.profileId, bucket: where.bucket });
  for (const key of keys) query.append('key', key);
  if (base !== undefined) query.set('base', base);
  if (versionId !== undefined) query.set('versionId', versionId);
  return `/api/download?${query}`;
}

/** Has the browser save what `url` answers (an attachment), without leaving the page. */
export function saveInBrowser(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}
