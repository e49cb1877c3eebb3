import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import './messages';

const COLORS: Record<string, string> = { REGISTERED: 'green', SUSPENDED: 'orange', REVOKED: 'red', EXPIRED: 'gray' };

/** A broker's status now, in words (the colour is never the only sign). */
export function BrokerStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('analyst');
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="filled">
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
