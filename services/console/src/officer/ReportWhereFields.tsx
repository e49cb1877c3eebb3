import { Button, CloseButton, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../ui/CountrySelect';
import { LOCATION_KINDS, type LocationKind } from './reportForm';
import { enumOptions, removeAt, replaceAt, type SectionProps } from './reportSection';

/** When and where: the date and time (a native datetime-local input), the country, the place and its kind. */
export function WhenWhereFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  const location = form.location;
  const setLocation = (change: Partial<typeof location>) => setForm((f) => ({ ...f, location: { ...f.location, ...change } }));
  return (
    <Fieldset legend={t('report.whenWhere')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('report.occurredAt')}
          description={t('report.occurredAtHint')}
          required
          value={form.occurredAt}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setForm((f) => ({ ...f, occurredAt: value }));
          }}
          error={errors['input.occurredAt']}
        />
        <CountrySelect
          label={t('report.country')}
          required
          value={location.country}
          onChange={(e) => setLocation({ country: e.currentTarget.value })}
          error={errors['input.location.country']}
        />
        <TextInput
          label={t('report.place')}
          description={t('report.placeHint')}
          required
          value={location.place}
          onChange={(e) => setLocation({ place: e.currentTarget.value })}
          error={errors['input.location.place']}
        />
        <NativeSelect
          label={t('report.placeKind')}
          value={location.kind}
          onChange={(e) => setLocation({ kind: e.currentTarget.value as LocationKind })}
          data={enumOptions(LOCATION_KINDS, t, 'locationKind')}
          error={errors['input.location.kind']}
        />
      </SimpleGrid>
    </Fieldset>
  );
}

/** The declared route: origin, transit countries in order, destination. */
export function RouteFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  const route = form.route;
  const setRoute = (change: Partial<typeof route>) => setForm((f) => ({ ...f, route: { ...f.route, ...change } }));
  return (
    <Fieldset legend={t('report.route')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('report.routeHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <CountrySelect
            allowEmpty
            label={t('report.routeOrigin')}
            value={route.origin}
            onChange={(e) => setRoute({ origin: e.currentTarget.value })}
            error={errors['input.route.origin']}
          />
          <CountrySelect
            allowEmpty
            label={t('report.routeDestination')}
            value={route.destination}
            onChange={(e) => setRoute({ destination: e.currentTarget.value })}
            error={errors['input.route.destination']}
          />
        </SimpleGrid>
        {route.transit.map((country, i) => (
          <Group key={i} align="end" wrap="nowrap">
            <CountrySelect
              allowEmpty
              style={{ flex: 1 }}
              label={t('report.transit', { n: i + 1 })}
              value={country}
              onChange={(e) => setRoute({ transit: replaceAt(route.transit, i, e.currentTarget.value) })}
              error={i === 0 ? errors['input.route.transit'] : undefined}
            />
            <CloseButton aria-label={t('report.removeStop', { n: i + 1 })} onClick={() => setRoute({ transit: removeAt(route.transit, i) })} mb={6} />
          </Group>
        ))}
        {route.transit.length === 0 && errors['input.route.transit'] ? <Text c="red.9">{errors['input.route.transit']}</Text> : null}
        <Group>
          <Button variant="light" onClick={() => setRoute({ transit: [...route.transit, ''] })}>
            {t('report.addTransit')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** What happened: criminal context, concealment and legal basis, in words. */
export function ContextFields({ form, setForm, errors }: SectionProps) {
  const { t } = useTranslation('officer');
  const field = (key: 'context' | 'concealment' | 'legalBasis') => ({
    value: form[key],
    error: errors[`input.${key}`],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });
  return (
    <Fieldset legend={t('report.circumstances')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Textarea label={t('report.context')} description={t('report.contextHint')} autosize minRows={2} {...field('context')} />
        <Textarea label={t('report.concealment')} description={t('report.concealmentHint')} autosize minRows={2} {...field('concealment')} />
        <TextInput label={t('report.legalBasis')} {...field('legalBasis')} />
      </SimpleGrid>
    </Fieldset>
  );
}
