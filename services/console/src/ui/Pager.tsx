import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Cursor paging over a connection (`first`, `after`, `pageInfo { hasNextPage endCursor }`): next page, or
 * back to the first. `shown` is how many rows this page holds.
 */
export function Pager({ hasNext, onNext, onFirst, atFirst, shown }: { hasNext: boolean; onNext: () => void; onFirst: () => void; atFirst: boolean; shown: number }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed">
        {t('pager.shown', { count: shown })}
      </Text>
      <Group>
        <Button variant="default" onClick={onFirst} disabled={atFirst}>
          {t('pager.first')}
        </Button>
        <Button variant="default" onClick={onNext} disabled={!hasNext}>
          {t('pager.next')}
        </Button>
      </Group>
    </Group>
  );
}
