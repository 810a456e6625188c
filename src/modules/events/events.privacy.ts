// The agenda in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  attendance,
  attendanceImports,
  calendarFeeds,
  eventDocuments,
  eventInvitations,
  eventMessages,
  eventOrganisations,
  eventSeries,
  events,
  registrations,
} from './events.schema.ts';

export const eventsPrivacy = [
  processing(events, {
    purpose: 'Publier l’agenda du réseau',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde (événements publics) ; les publics visés',
    personal: [],
    // Why an event is cancelled, written by staff for everyone who sees it: about the event, not a person.
    notPersonal: ['cancellation_reason'],
  }),
  processing(eventSeries, {
    purpose: 'Regrouper les événements en séries',
    basis: 'legitimate_interest',
    retention: 'Sans limite',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(eventOrganisations, {
    purpose: 'Nommer les organisateurs et partenaires d’un événement',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(eventInvitations, {
    purpose: 'Tenir la liste des personnes invitées à un événement (seules à voir une réunion restreinte)',
    basis: 'legitimate_interest',
    retention: '3 ans après l’événement',
    recipients: 'L’équipe du réseau',
    personal: ['person_id'],
  }),
  processing(eventMessages, {
    purpose: 'Écrire aux inscrits d’un événement et garder trace de ce qui leur a été écrit',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'L’équipe du réseau ; les destinataires du message',
    personal: ['sent_by'],
  }),
  processing(registrations, {
    purpose: 'Inscrire les personnes aux événements, gérer les places et la liste d’attente',
    basis: 'contract',
    retention: '3 ans après l’événement',
    recipients: 'L’équipe du réseau ; la personne ; son ou sa référente',
    personal: ['person_id', 'registered_by', 'mode'],
  }),
  processing(attendance, {
    purpose: 'Savoir qui était présent (attestations, certificats du parcours)',
    basis: 'legitimate_interest',
    retention: '3 ans après l’événement ; la durée d’un parcours certifiant',
    recipients: 'L’équipe du réseau ; la personne',
    personal: ['person_id', 'minutes', 'recorded_by'],
  }),
  processing(attendanceImports, {
    purpose: 'Relever la présence en ligne à partir du rapport de la visioconférence',
    basis: 'legitimate_interest',
    retention: '30 jours après l’enregistrement',
    recipients: 'L’équipe du réseau',
    personal: ['report', 'created_by'],
    notPersonal: ['file_name'],
  }),
  processing(eventDocuments, {
    purpose: 'Partager les documents et comptes rendus des événements',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'Le public de l’événement',
    personal: ['uploaded_by', 'content'],
    notPersonal: ['file_name'],
  }),
  processing(calendarFeeds, {
    purpose: 'Donner à une personne l’adresse secrète de son agenda',
    basis: 'consent',
    retention: 'Jusqu’à ce que la personne la désactive, ou son compte',
    recipients: 'La personne',
    personal: ['person_id', 'token_hash'],
  }),
];
