import { t } from '@/lib/i18n/t';
import { trusted } from './trusted';

export interface GoogleSignInProps {
  /** Google's window is open. */
  busy: boolean;
  /** Why the last sign-in failed (translated), if it did. */
  error?: string;
  onSignIn: () => void;
}

/**
 * "Sign in with Google": shown when the school set up the Classroom API and this account has no
 * token the background could renew silently. Only a real click opens Google's window.
 */
export function GoogleSignIn({ busy, error, onSignIn }: GoogleSignInProps) {
  return (
    <div data-testid="google-sign-in">
      <p>{t('panelGoogleSignInHint')}</p>
      <button
        type="button"
        className="panel__button"
        aria-busy={busy || undefined}
        onClick={trusted(() => {
          if (!busy) onSignIn();
        })}
      >
        {busy ? t('panelGoogleSigningIn') : t('panelGoogleSignIn')}
      </button>
      {error && (
        <p role="alert" className="panel__error">
          {error}
        </p>
      )}
    </div>
  );
}
