/**
 * Runs `task` for indices 0..count-1, at most `limit` at a time: the engine's one worker pool (copies,
 * pastes, a transfer's parts and ranges). The first failure stops new tasks and aborts the signal the
 * running ones were given; it is thrown once they have settled, so the caller cleans up (e.g. aborts an
 * upload) after the last request, not during it. When `signal` aborts, its reason is thrown instead.
 */
export async function runPool(
  count: number,
  limit: number,
  task: (index: number, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const failed = new AbortController();
  const stop = signal ? AbortSignal.any([signal, failed.signal]) : failed.signal;
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !stop.aborted && next < count) {
      const index = next++;
      try {
        await task(index, stop);
      } catch (error) {
        failure ??= { error };
        failed.abort(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), count) }, worker));
  if (failure) throw signal?.aborted ? signal.reason : failure.error;
  signal?.throwIfAborted();
}
