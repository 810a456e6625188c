// The texts of the funds' public pages, the receipts and « Mon espace » → « Fonds » (keys `funds-public.*`).
import { defineMessages } from '../../platform/messages.ts';

export const publicMessages = defineMessages('funds-public', {
  receiptRefused:
    'Ce reçu est réservé à l’organisation contributrice et à l’équipe du réseau : connectez-vous avec un compte de l’organisation.',
  noOrganisation: 'Votre compte n’est rattaché à aucune organisation : il n’a pas de contributions à suivre.',
  referentOnly:
    'Seul le ou la référent·e de l’organisation dit si elle est nommée sur la page du fonds et qui porte sa voix au comité.',
  namedExpected: 'Dites si l’organisation accepte d’être nommée : oui ou non.',
});
