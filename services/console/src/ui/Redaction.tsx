import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * What the viewer may not see is never requested and never drawn; where the API says something is
 * withheld, the screen says so in words rather than leaving a blank.
 */
export function IdentityWithheld() {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="light" data-testid="identity-withheld">
      {t('redaction.identityWithheld')}
    </Badge>
  );
}

/** A record the viewer may not open: who holds it (ask them). */
export function HeldBy({ agency }: { agency: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" data-testid="held-by">
      {t('redaction.heldBy', { agency })}
    </Badge>
  );
}

const TLP_COLORS: Record<string, string> = { RED: 'red', AMBER: 'orange', AMBER_STRICT: 'orange', GREEN: 'green', CLEAR: 'gray', WHITE: 'gray' };

/** A record's TLP level, as a badge whose text is the level (colour is never the only sign). */
export function TlpBadge({ tlp }: { tlp: string }) {
  return (
    <Badge color={TLP_COLORS[tlp] ?? 'gray'} variant="filled" aria-label={`TLP:${tlp}`}>
      TLP:{tlp}
    </Badge>
  );
}
