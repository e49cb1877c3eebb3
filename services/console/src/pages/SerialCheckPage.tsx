import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../graphql';
import { HitTable } from '../ui/HitTable';
import { Page } from '../ui/Page';
import { QueryError } from '../ui/Errors';

const SerialCheckQuery = graphql(`
  query SerialCheck($manufacturer: String!, $serialNumber: String!) {
    serialCheck(manufacturer: $manufacturer, serialNumber: $serialNumber) {
      holder {
        id
        country
        kind
      }
      recordId
      recordKind
      manufacturer
      serialNumber
    }
  }
`);

/** Hit or no hit, under the holders' policy; a record the viewer may not see says who holds it. */
export default function SerialCheckPage() {
  const { t } = useTranslation();
  const [manufacturer, setManufacturer] = useState('');
  const [serialNumber, setSerialNumber] = useState('');
  const [asked, setAsked] = useState<{ manufacturer: string; serialNumber: string } | null>(null);
  const [{ data, error, fetching }] = useQuery({
    query: SerialCheckQuery,
    variables: asked ?? { manufacturer: '', serialNumber: '' },
    pause: !asked,
    requestPolicy: 'network-only',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ manufacturer: manufacturer.trim(), serialNumber: serialNumber.trim() });
  };
  const hits = asked && !fetching ? data?.serialCheck : undefined;
  return (
    <Page title={t('serial.title')} intro={t('serial.intro')}>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label={t('serial.manufacturer')} required value={manufacturer} onChange={(e) => setManufacturer(e.currentTarget.value)} />
          <TextInput label={t('serial.serialNumber')} required value={serialNumber} onChange={(e) => setSerialNumber(e.currentTarget.value)} />
          <Button type="submit" loading={fetching}>
            {t('serial.check')}
          </Button>
        </Group>
      </form>
      <QueryError error={error} />
      <div aria-live="polite">
        {hits && hits.length === 0 ? <Alert color="green">{t('serial.noHit')}</Alert> : null}
        {hits && hits.length > 0 ? (
          <Alert color="orange" title={t('serial.hits', { count: hits.length })}>
            {hits.map((h) => h.holder.id).join(', ')}
          </Alert>
        ) : null}
      </div>
      {hits && hits.length > 0 ? <HitTable hits={hits} testId="serial-hits" /> : null}
    </Page>
  );
}
