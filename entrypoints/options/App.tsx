/** The admin page: wires the presentational sections to the background. */
import { useEffect, useState } from 'react';
import { ConnectionSection, type ConnectionView } from '@/components/options/ConnectionSection';
import { t } from '@/lib/i18n/t';
import { sendRequest } from '@/lib/messaging/send';

export function App() {
  const [connection, setConnection] = useState<ConnectionView>({ state: 'loading' });
  useEffect(() => {
    sendRequest('getStatus', {}).then((reply) =>
      setConnection(
        reply.ok
          ? { state: 'ready', connected: reply.data.connected }
          : { state: 'error', message: reply.error.message },
      ),
    );
  }, []);

  return (
    <main className="options">
      <h1>{t('extName')}</h1>
      <p className="options__intro">{t('optionsIntro')}</p>
      <ConnectionSection connection={connection} />
      <footer className="options__footer">
        {t('optionsVersion', browser.runtime.getManifest().version)}
      </footer>
    </main>
  );
}
