import { t } from '@/lib/i18n/t';
import { partnerHelp } from '@/lib/sis/partner-help';
import type { PartnerProfile } from '@/lib/sis/partners';

/** "Where to find these credentials in <SIS>": the seed article's steps, in our words. */
export function CredentialGuide({ profile }: { profile: PartnerProfile }) {
  return (
    <details className="guide">
      <summary>{t('guideHeading', profile.name())}</summary>
      <ol className="guide__steps">
        {partnerHelp(profile.id)
          .guide()
          .map((step) => (
            <li key={step}>{step}</li>
          ))}
      </ol>
    </details>
  );
}
