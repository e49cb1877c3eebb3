import { describe, expect, it } from 'vitest';
import { handlingNotice } from './handlingNotice';

describe('handling notices', () => {
  it('says in plain words what each code asks of a viewer, naming the provider whose permission is needed', () => {
    expect(handlingNotice({ code: 'H0' })).toEqual(['H0: for law-enforcement use only.']);
    expect(handlingNotice({ code: 'H1' }, 'GH-CUSTOMS')).toEqual(['H1: not for use in court without the permission of GH-CUSTOMS.']);
    expect(handlingNotice({ code: 'H2' }, 'GH-CUSTOMS')).toEqual(['H2: no further dissemination without the permission of GH-CUSTOMS.']);
    expect(handlingNotice({ code: 'H1' })).toEqual(['H1: not for use in court without the permission of the provider.']);
  });

  it('shows the restrictions text with the record: with H3 it is the restriction, with any other code it follows the code’s line', () => {
    expect(handlingNotice({ code: 'H3', restrictions: 'Not to be shared with the press before 1 March.' })).toEqual([
      'H3: other restrictions apply.',
      'Restrictions: Not to be shared with the press before 1 March.',
    ]);
    expect(handlingNotice({ code: 'H2', restrictions: 'Ballistics only.' }, 'TG-POLICE')).toEqual([
      'H2: no further dissemination without the permission of TG-POLICE.',
      'Restrictions: Ballistics only.',
    ]);
    // the contract requires the text with H3; without it the record reads as restricted, never as free to use
    expect(handlingNotice({ code: 'H3' }, 'TG-POLICE')).toEqual(['H3: other restrictions apply.', 'Restrictions: not stated: ask TG-POLICE before any use']);
  });
});
