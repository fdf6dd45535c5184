/** Reads behind link/preview/export retry what the engine retries, with backoff, then give up. */
import { describe, expect, it } from 'vitest';
import { withReadRetries } from '@/lib/teacher/sis-session';
import { sisError } from '../export/engine-fixtures';
import { createFakeClock } from '../export/fake-clock';

function failing(errors: Error[], value = 'ok') {
  let calls = 0;
  const read = async () => {
    const error = errors[calls++];
    if (error) throw error;
    return value;
  };
  return { read, calls: () => calls };
}

describe('withReadRetries', () => {
  it('retries network errors, 5xx and 429 (waiting out Retry-After), then answers', async () => {
    const clock = createFakeClock(0);
    const { read, calls } = failing([
      sisError.network(),
      sisError.server(),
      sisError.rateLimited(3000),
    ]);
    await expect(withReadRetries(read, { clock, random: () => 0.5 })).resolves.toBe('ok');
    expect(calls()).toBe(4);
    expect(clock.sleeps).toEqual([250, 500, 3000]);
  });

  it('does not retry what a retry cannot fix', async () => {
    for (const error of [sisError.badCredentials(), sisError.notFound(), sisError.forbidden()]) {
      const { read, calls } = failing([error]);
      await expect(withReadRetries(read, { clock: createFakeClock() })).rejects.toBe(error);
      expect(calls()).toBe(1);
    }
  });

  it('gives up after its attempts with the last error', async () => {
    const errors = Array.from({ length: 9 }, () => sisError.server());
    const { read, calls } = failing(errors);
    await expect(withReadRetries(read, { clock: createFakeClock() })).rejects.toBe(errors[4]);
    expect(calls()).toBe(5);
  });
});
