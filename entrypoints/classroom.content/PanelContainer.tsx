/** Connects the presentational Panel to the background; the only place the panel talks to it. */
import { useEffect, useState } from 'react';
import { Panel, type PanelStatus } from '@/components/panel/Panel';
import { sendRequest } from '@/lib/messaging/send';

export function PanelContainer({ courseId }: { courseId: string }) {
  const [status, setStatus] = useState<PanelStatus>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    sendRequest('getStatus', {}).then((reply) => {
      if (!live) return;
      setStatus(
        reply.ok
          ? { state: 'ready', connected: reply.data.connected }
          : { state: 'error', message: reply.error.message },
      );
    });
    return () => {
      live = false;
    };
  }, []);
  return <Panel courseId={courseId} status={status} />;
}
