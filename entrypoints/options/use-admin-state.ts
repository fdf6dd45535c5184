/** Loads the admin state from the background once, when the page opens. */
import { useEffect, useState } from 'react';
import type { AdminState } from '@/lib/messaging/replies';
import { sendRequest } from '@/lib/messaging/send';

export type AdminStateLoad =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; state: AdminState };

export function useAdminState() {
  const [load, setLoad] = useState<AdminStateLoad>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    sendRequest('getAdminState', {}).then((reply) => {
      if (!live) return;
      setLoad(
        reply.ok
          ? { status: 'ready', state: reply.data }
          : { status: 'error', message: reply.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, []);
  return { load };
}
