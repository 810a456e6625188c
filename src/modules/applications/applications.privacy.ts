// Applications in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import { applicationReviews, applications } from './applications.schema.ts';

export const applicationsPrivacy = [
  processing(applications, {
    purpose:
      'Recevoir et examiner les candidatures (parcours « Diplomates des territoires », appels du réseau)',
    basis: 'contract',
    retention: '3 ans après la fin de l’édition ou de l’appel',
    recipients: 'L’équipe du réseau et ses instructeurs ; la personne ; son ou sa référente',
    personal: [
      'person_id',
      'organisation_id',
      'applicant_key',
      'answers',
      'submitted_by',
      'decided_by',
      'decision_motivation',
    ],
  }),
  processing(applicationReviews, {
    purpose: 'Garder les avis des instructeurs sur une candidature (jamais montrés au candidat)',
    basis: 'legitimate_interest',
    retention: 'Comme la candidature',
    recipients: 'L’équipe du réseau et ses instructeurs',
    personal: ['reviewer_id', 'opinion', 'score', 'note'],
  }),
];
