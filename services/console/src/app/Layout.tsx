import { Anchor, AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguagePicker } from './LanguagePicker';
import { NAV } from './nav';
import { useOfficer } from './officer';

/**
 * After moving to another screen, the focus goes to the screen's content (as a page load would put it at the
 * top): a keyboard or screen-reader user starts on the new screen, not on the link they followed.
 */
function useFocusOnNavigation(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus();
  }, [pathname]);
}

/** The frame of every signed-in screen: who is signed in, the navigation of their role, language, sign-out. */
export function Layout() {
  const { t } = useTranslation();
  const { me, signOut } = useOfficer();
  const [opened, { toggle }] = useDisclosure();
  const location = useLocation();
  const roles = me.roles.map((r) => t(`role.${r}`)).join(', ');
  useFocusOnNavigation(location.pathname);
  return (
    <AppShell header={{ height: 64 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Anchor href="#main" className="skip-link">
          {t('skipToContent')}
        </Anchor>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.label')} />
            <Title order={2} size="h4">
              <Anchor component={Link} to="/" underline="never" c="inherit">
                {t('app.name')}
              </Anchor>
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="md" data-testid="signed-in-as">
              {t('signedInAs', { agency: me.agency.id, role: roles })}
            </Text>
          </Group>
          <Group wrap="nowrap" align="end">
            <LanguagePicker subject={me.subject} />
            <Button variant="default" onClick={signOut}>
              {t('signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {NAV.filter((entry) => entry.shown(me)).map((entry) => (
          <NavLink key={entry.to} component={Link} to={entry.to} label={t(entry.label)} active={location.pathname === entry.to} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Text>{t('loading')}</Text>}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
