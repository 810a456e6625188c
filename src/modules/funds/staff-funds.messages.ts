// The notices of the staff's pages of the solidarity funds (keys `funds-staff.*`), beside the shared ones of
// funds.messages.ts: a form sent twice says that nothing was recorded twice.
import { defineNotices } from '../../platform/messages.ts';

export const staffFundsNotices = defineNotices('funds-staff', {
  pledge_already: 'Cette promesse était déjà enregistrée : rien n’a été compté deux fois.',
  reversal_already: 'Cette contre-passation était déjà enregistrée : rien n’a été écrit deux fois.',
});
