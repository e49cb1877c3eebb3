import type { Handling, HandlingCode } from '@tracebridge/contracts';

/** Each code's line (domain.md: Europol SIENA's H0–H3); `provider` is whose permission H1 and H2 require. */
const codeLine: Record<HandlingCode, (provider: string) => string> = {
  H0: () => 'H0: for law-enforcement use only.',
  H1: (provider) => `H1: not for use in court without the permission of ${provider}.`,
  H2: (provider) => `H2: no further dissemination without the permission of ${provider}.`,
  H3: () => 'H3: other restrictions apply.',
};

/**
 * What a record's handling code asks of everyone who sees it, in plain
 * words, to show with the record to every viewer and to print on every
 * export of it (H1: an export is marked not for court): the code's line,
 * then the originator's restrictions text when it gave one — with H3 that
 * text is the restriction itself.
 * @param provider whose permission H1 and H2 require, e.g. the originator agency's name. @default 'the provider'
 */
export function handlingNotice(handling: Pick<Handling, 'code' | 'restrictions'>, provider = 'the provider'): string[] {
  const restrictions = handling.restrictions?.trim();
  if (restrictions) return [codeLine[handling.code](provider), `Restrictions: ${restrictions}`];
  // The contract requires the text with H3; a record without it reads as restricted, never as free to use.
  if (handling.code === 'H3') return [codeLine.H3(provider), `Restrictions: not stated: ask ${provider} before any use`];
  return [codeLine[handling.code](provider)];
}
