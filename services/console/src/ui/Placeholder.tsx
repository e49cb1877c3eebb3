import { Title } from '@mantine/core';

/** A screen not built yet. */
export function Placeholder({ name }: { name: string }) {
  return <Title order={1}>{name}</Title>;
}
