// The atlas in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  countryDirectories,
  partnerPlaces,
  partnershipContacts,
  partnershipContributions,
  partnershipProjects,
  partnershipSides,
  partnerships,
  partnershipVersions,
  publications,
} from './atlas.schema.ts';

export const atlasPrivacy = [
  processing(partnerships, {
    purpose: 'Publier l’atlas et les répertoires des partenariats de coopération décentralisée',
    basis: 'public_task',
    retention: 'Sans limite (l’histoire des coopérations) ; un partenariat archivé quitte l’atlas',
    recipients: 'Tout le monde (descriptions : adhérents à jour et équipe du réseau)',
    personal: [],
    notPersonal: ['description', 'names', 'search'],
  }),
  processing(partnershipSides, {
    purpose: 'Dire quelles collectivités françaises portent chaque partenariat',
    basis: 'public_task',
    retention: 'Comme le partenariat',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(partnershipProjects, {
    purpose: 'Décrire les projets menés dans chaque partenariat',
    basis: 'public_task',
    retention: 'Comme le partenariat',
    recipients: 'Tout le monde (budgets et descriptions : adhérents à jour et équipe du réseau)',
    personal: [],
    notPersonal: ['description', 'title', 'place'],
  }),
  processing(partnershipContacts, {
    purpose: 'Donner une personne à contacter pour chaque partenariat (mise en relation entre collectivités)',
    basis: 'legitimate_interest',
    retention: 'Tant que la personne est le contact ; effacée avec la personne',
    recipients: 'Les personnes connectées ; l’équipe du réseau',
    personal: ['person_id'],
  }),
  processing(partnerPlaces, {
    purpose: 'Situer les collectivités étrangères partenaires (province, région)',
    basis: 'public_task',
    retention: 'Sans limite',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(partnershipVersions, {
    purpose: 'Garder l’historique des changements de chaque partenariat (qui, quand, quoi)',
    basis: 'legitimate_interest',
    retention: 'Comme le partenariat ; l’auteur d’un changement est effacé avec la personne',
    recipients: 'L’équipe du réseau',
    // A version copies the partnership, whose contacts are people (their ids).
    personal: ['changed_by', 'snapshot'],
  }),
  processing(partnershipContributions, {
    purpose: 'Recevoir et modérer les contributions des collectivités à l’atlas (appel à contribution)',
    basis: 'legitimate_interest',
    retention: 'Sans limite pour la décision ; l’auteur est effacé avec la personne',
    recipients: 'La collectivité qui propose ; l’équipe du réseau',
    personal: ['proposed_by', 'decided_by', 'proposal', 'note', 'reason'],
  }),
  processing(countryDirectories, {
    purpose: 'Présenter la décentralisation de chaque pays en tête de son répertoire',
    basis: 'public_task',
    retention: 'Sans limite',
    recipients: 'Tout le monde',
    personal: ['updated_by'],
    notPersonal: ['introduction'],
  }),
  processing(publications, {
    purpose: 'Présenter le catalogue des publications du réseau',
    basis: 'public_task',
    retention: 'Sans limite ; une publication archivée quitte le catalogue',
    recipients: 'Tout le monde',
    personal: [],
    notPersonal: ['title', 'description'],
  }),
];
