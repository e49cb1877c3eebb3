import { Alert, Button, Container, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { startSession } from '../session';
import { LanguagePicker } from '../app/LanguagePicker';

interface DemoAgency {
  id: string;
  name: string;
  kind: string;
  roles: string[];
}
interface AuthConfig {
  mode: 'dev' | 'none';
  agencies: DemoAgency[];
}

/** How this network signs officers in (`GET /auth/config`). */
function useAuthConfig(onLoaded: (first: DemoAgency | undefined) => void, onFailed: (message: string) => void): AuthConfig | null {
  const [config, setConfig] = useState<AuthConfig | null>(null);
  useEffect(() => {
    void fetch('/auth/config')
      .then((r) => r.json() as Promise<AuthConfig>)
      .then((c) => {
        setConfig(c);
        onLoaded(c.agencies[0]);
      })
      .catch((err: Error) => onFailed(err.message));
    // Once per page: the sign-in configuration does not change while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return config;
}

/**
 * Sign-in at `/`. On the demo network (`/auth/config` says `dev`) the officer picks a demo agency and a role
 * and the gateway mints a token (dev only). Another mode (an agency's own identity provider) would add its
 * button here; until then this network says whom to ask.
 */
export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [agency, setAgency] = useState('');
  const [role, setRole] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const config = useAuthConfig((first) => {
    setAgency(first?.id ?? '');
    setRole(first?.roles[0] ?? '');
  }, setFailure);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);
  const chosen = config?.agencies.find((a) => a.id === agency);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const res = await fetch('/auth/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agency, role }) });
      const body = (await res.json()) as { token?: string; expiresIn?: number; error?: { message: string } };
      if (!res.ok || !body.token) throw new Error(body.error?.message ?? res.statusText);
      startSession(body.token, body.expiresIn ?? 3600);
      onSignedIn();
    } catch (err) {
      setFailure((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Container size="xs" py="xl" component="main" id="main">
      <Stack>
        <Title order={1}>{t('app.name')}</Title>
        <Text c="dimmed">{t('app.tagline')}</Text>
        <LanguagePicker />
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h3" mb="sm">
            {t('signIn.title')}
          </Title>
          {config?.mode === 'none' ? <Alert color="gray">{t('signIn.unavailable')}</Alert> : null}
          {config?.mode === 'dev' ? (
            <form onSubmit={(e) => void submit(e)}>
              <Stack>
                <Text size="sm">{t('signIn.devNotice')}</Text>
                <NativeSelect
                  label={t('signIn.agency')}
                  value={agency}
                  onChange={(e) => {
                    const next = config.agencies.find((a) => a.id === e.currentTarget.value);
                    setAgency(e.currentTarget.value);
                    if (next && !next.roles.includes(role)) setRole(next.roles[0] ?? '');
                  }}
                  data={config.agencies.map((a) => ({ value: a.id, label: `${a.id} · ${a.name}` }))}
                />
                <NativeSelect
                  label={t('signIn.role')}
                  value={role}
                  onChange={(e) => setRole(e.currentTarget.value)}
                  data={(chosen?.roles ?? []).map((r) => ({ value: r, label: t(`role.${r}`) }))}
                />
                <Button type="submit" loading={busy}>
                  {t('signIn.submit')}
                </Button>
              </Stack>
            </form>
          ) : null}
          {failure ? (
            <Alert color="red" role="alert" mt="sm">
              {t('signIn.failed', { message: failure })}
            </Alert>
          ) : null}
        </Paper>
      </Stack>
    </Container>
  );
}
