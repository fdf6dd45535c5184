/**
 * Read-modify-write of one storage value, one at a time. Two panel messages can arrive together
 * (a double click, two tabs of the same class); without this, the second write would drop the
 * first one's change.
 */

/** Runs each task after the previous one has settled, whatever its outcome. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
}
