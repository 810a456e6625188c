// The Rencontres in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  conferenceCategories,
  conferenceChoices,
  conferenceRegistrations,
  conferenceRooms,
  conferenceScans,
  conferenceSessions,
  conferenceSpeakers,
  conferences,
} from './conferences.schema.ts';

export const conferencesPrivacy = [
  processing(conferences, {
    purpose:
      'Organiser les éditions des Rencontres de l’action internationale des collectivités territoriales',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(conferenceRooms, {
    purpose: 'Décrire les salles du lieu des Rencontres',
    basis: 'legitimate_interest',
    retention: 'Comme l’édition',
    recipients: 'Tout le monde',
    personal: [],
    notPersonal: ['name'],
  }),
  processing(conferenceCategories, {
    purpose: 'Fixer les catégories de participants, leurs tarifs et leurs quotas',
    basis: 'legitimate_interest',
    retention: 'Comme l’édition',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(conferenceSessions, {
    purpose: 'Publier le programme des Rencontres',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde',
    // The chair is named on the public programme, as a public role; the framing note is the programme's text.
    personal: ['chair'],
    notPersonal: ['note'],
  }),
  processing(conferenceSpeakers, {
    purpose: 'Nommer les intervenant·es du programme, avec leur fonction',
    basis: 'legitimate_interest',
    retention: 'Sans limite : le programme publié fait partie de l’histoire du réseau',
    recipients: 'Tout le monde',
    personal: ['person_id', 'name', 'title'],
  }),
  processing(conferenceRegistrations, {
    purpose:
      'Accueillir les participant·es : catégorie, tarif, jours de présence, déjeuner, besoins d’accessibilité',
    basis: 'contract',
    retention:
      'Comme l’inscription à l’événement ; les besoins d’accessibilité sont effacés avec la personne',
    recipients:
      'L’équipe du réseau ; la personne et son référent (sauf les besoins d’accessibilité : l’équipe)',
    personal: ['registration_id', 'accessibility_needs', 'days', 'lunch'],
  }),
  processing(conferenceChoices, {
    purpose: 'Tenir le programme personnel de chaque participant·e et les places des ateliers',
    basis: 'contract',
    retention: 'Comme l’inscription à l’événement',
    recipients: 'L’équipe du réseau ; la personne et son référent',
    personal: ['registration_id'],
  }),
  processing(conferenceScans, {
    purpose: 'Compter les présences à l’entrée et aux portes des ateliers, une seule fois par personne',
    basis: 'legitimate_interest',
    retention: 'Comme l’inscription à l’événement',
    recipients: 'L’équipe du réseau',
    personal: ['registration_id', 'scanned_by'],
  }),
];
