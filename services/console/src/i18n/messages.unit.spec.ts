import { describe, expect, it, vi } from 'vitest';
import type { Messages } from './index';

// The area message files register themselves with i18next when loaded; here only their content is checked.
vi.mock('../i18n', () => ({ addMessages: () => {} }));

const { common } = await import('./common');
const areas = {
  officer: (await import('../officer/messages')).messages,
  analyst: (await import('../analyst/messages')).messages,
  liaison: (await import('../liaison/messages')).messages,
};

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

describe('every message in English and French', () => {
  for (const [name, messages] of Object.entries<Messages>({ common, ...areas })) {
    it(`${name}: the same keys, none empty, the same placeholders`, () => {
      expect(Object.keys(messages.fr).sort()).toEqual(Object.keys(messages.en).sort());
      for (const [key, en] of Object.entries(messages.en)) {
        const fr = messages.fr[key]!;
        expect(en.trim(), `${name} en ${key}`).not.toBe('');
        expect(fr.trim(), `${name} fr ${key}`).not.toBe('');
        expect(placeholders(fr), `${name} ${key}`).toEqual(placeholders(en));
      }
    });
  }
});
