import { List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NAV } from '../app/nav';
import { useOfficer } from '../app/officer';
import { Page } from '../ui/Page';

/** Who is signed in and what the navigation offers them (the links themselves are in the navigation only). */
export default function HomePage() {
  const { t } = useTranslation();
  const { me } = useOfficer();
  return (
    <Page title={t('home.title', { agency: me.agency.name })} intro={t('home.intro')}>
      <Text>{t('home.roles', { roles: me.roles.map((r) => t(`role.${r}`)).join(', '), agency: me.agency.id })}</Text>
      <List>
        {NAV.filter((entry) => entry.shown(me)).map((entry) => (
          <List.Item key={entry.to}>
            <Text span fw={600}>
              {t(entry.label)}
            </Text>
            {' — '}
            {t(`${entry.label}.about`)}
          </List.Item>
        ))}
      </List>
    </Page>
  );
}
