/**
 * A request the background never answers (a worker stopped mid-reply, a port Chrome dropped)
 * would leave the panel waiting forever: "Checking the SIS connection…" that never ends. This
 * turns silence into a reply the panel can show with Retry.
 */
import { t } from '@/lib/i18n/t';
import type { Reply } from '@/lib/messaging/replies';

export function withTimeout<T>(request: Promise<Reply<T>>, ms: number): Promise<Reply<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Reply<T>>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: { code: 'no-answer', message: t('errorNoAnswer') } }),
      ms,
    );
  });
  return Promise.race([request, timeout]).finally(() => clearTimeout(timer));
}
