// Members in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  affiliations,
  imports,
  mandates,
  memberships,
  organisations,
  people,
  renewalReminders,
} from './organisations.schema.ts';

export const organisationsPrivacy = [
  processing(organisations, {
    purpose: 'Tenir la liste des collectivités et institutions du réseau (référentiel officiel)',
    basis: 'legitimate_interest',
    retention: 'Tant que l’organisation est en relation avec le réseau',
    recipients: 'L’équipe du réseau ; les membres',
    personal: [],
    notPersonal: ['name'],
  }),
  processing(memberships, {
    purpose: 'Suivre les adhésions annuelles et les cotisations',
    basis: 'contract',
    retention: '10 ans (pièces comptables)',
    recipients: 'L’équipe du réseau ; la collectivité',
    personal: [],
  }),
  processing(people, {
    purpose: 'Connaître les élus, techniciens et partenaires du réseau, leurs comptes et leurs rôles',
    basis: 'legitimate_interest',
    retention:
      'Tant que la personne est en relation avec le réseau, puis 3 ans après la désactivation du compte',
    recipients: 'L’équipe du réseau ; le ou la référente de sa collectivité ; la personne elle-même',
    personal: [
      'first_name',
      'last_name',
      'email',
      'kind',
      'civility',
      'organisation_id',
      'referent',
      'oidc_sub',
      'disabled_at',
    ],
  }),
  processing(mandates, {
    purpose: 'Connaître les mandats des élus (un certificat, une présidence de groupe en dépendent)',
    basis: 'legitimate_interest',
    retention: 'Comme la personne',
    recipients: 'L’équipe du réseau ; la personne elle-même',
    personal: ['person_id', 'title', 'starts_on', 'ends_on'],
  }),
  processing(affiliations, {
    purpose: 'Garder l’historique des collectivités d’une personne',
    basis: 'legitimate_interest',
    retention: 'Comme la personne',
    recipients: 'L’équipe du réseau',
    personal: ['person_id', 'organisation_id', 'starts_on', 'ends_on'],
  }),
  processing(imports, {
    purpose: 'Importer des listes de personnes et d’organisations, avec l’aperçu des lignes refusées',
    basis: 'legitimate_interest',
    retention: '30 jours',
    recipients: 'L’équipe du réseau',
    personal: ['rows', 'rejected', 'created_by'],
    notPersonal: ['file_name'],
  }),
  processing(renewalReminders, {
    purpose:
      'Relancer les adhérentes qui n’ont pas renouvelé, une fois par campagne, et savoir qui a été relancé',
    basis: 'legitimate_interest',
    retention: 'Comme l’adhésion (10 ans)',
    recipients: 'L’équipe du réseau',
    personal: ['created_by'],
  }),
];
