/** The admin page: loads the admin state, then wires the presentational sections to it. */
import { useState } from 'react';
import { ManagedBanner } from '@/components/options/ManagedBanner';
import { t } from '@/lib/i18n/t';
import type { AdminState } from '@/lib/messaging/replies';
import { ConnectionContainer } from './ConnectionContainer';
import { GoogleAccessContainer } from './GoogleAccessContainer';
import { PolicyContainer } from './PolicyContainer';
import { ExportDefaultsContainer, TeacherPermissionContainer } from './SettingsContainers';
import { useAdminState } from './use-admin-state';
import { useConnectionForm } from './use-connection-form';

export function App() {
  const { load } = useAdminState();
  return (
    <main className="options">
      <header className="options__header">
        <h1>{t('extName')}</h1>
        <p className="options__intro">{t('optionsIntro')}</p>
      </header>
      {load.status === 'loading' && <p role="status">{t('optionsChecking')}</p>}
      {load.status === 'error' && (
        <p role="alert" className="notice notice--error">
          {load.message}
        </p>
      )}
      {load.status === 'ready' && <AdminPage initial={load.state} />}
      <footer className="options__footer">
        {t('optionsVersion', browser.runtime.getManifest().version)}
      </footer>
    </main>
  );
}

function AdminPage({ initial }: { initial: AdminState }) {
  const [state, setState] = useState(initial);
  const form = useConnectionForm(initial);
  return (
    <>
      {state.managed.active && <ManagedBanner locked={state.managed.locked} />}
      {!state.storageTrusted && (
        <p role="alert" className="notice notice--error">
          {t('errorStorageUntrusted')}
        </p>
      )}
      <ConnectionContainer state={state} form={form} onState={setState} />
      {state.connected && (
        <>
          <TeacherPermissionContainer state={state} onState={setState} />
          <ExportDefaultsContainer state={state} onState={setState} />
        </>
      )}
      <GoogleAccessContainer state={state} onState={setState} />
      <PolicyContainer state={state} values={form.values} onFormErrors={form.setErrors} />
    </>
  );
}
