/**
 * Runs `task` for indices 0..count-1, at most `limit` at a time. The first failure stops new tasks; it is
 * thrown once the running ones have settled, so the caller cleans up (e.g. aborts an upload) after the
 * last request, not during it.
 */
export async function runPool(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  if (failure) throw failure.error;
}
