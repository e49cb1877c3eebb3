import { addMessages, type Messages } from '../i18n';
import { en } from './messagesEn';
import { fr } from './messagesFr';

/** The analyst screens' messages (namespace 'analyst'), English and French: every key in both (i18n/messages.unit.spec.ts). */
export const messages: Messages = { en, fr };

addMessages('analyst', messages);
