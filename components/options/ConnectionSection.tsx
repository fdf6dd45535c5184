import { t } from '@/lib/i18n/t';

export type ConnectionView =
  | { state: 'loading' }
  | { state: 'ready'; connected: boolean }
  | { state: 'error'; message: string };

/** The SIS connection section of the options page (the connect form arrives with issue #4). */
export function ConnectionSection({ connection }: { connection: ConnectionView }) {
  return (
    <section className="card" aria-labelledby="connection-heading" data-testid="connection">
      <h2 id="connection-heading">{t('optionsConnectionHeading')}</h2>
      {connection.state === 'loading' && <p role="status">{t('optionsChecking')}</p>}
      {connection.state === 'error' && (
        <p role="alert" className="error">
          {connection.message}
        </p>
      )}
      {connection.state === 'ready' && !connection.connected && (
        <p data-testid="connection-status">{t('optionsNotConnected')}</p>
      )}
    </section>
  );
}
