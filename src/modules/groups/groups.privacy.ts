// The groups in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import {
  groupChairs,
  groupDocuments,
  groupEvents,
  groupFollowers,
  groupInvitations,
  groupMembers,
  groups,
  roadmapItems,
} from './groups.schema.ts';

export const groupsPrivacy = [
  processing(groups, {
    purpose: 'Présenter les groupes-pays, dynamiques thématiques et missions transversales du réseau',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau) ; un groupe archivé quitte les listes',
    recipients: 'Tout le monde',
    personal: [],
    notPersonal: ['name'],
  }),
  processing(groupChairs, {
    purpose: 'Dire qui préside chaque groupe, et depuis quand (élu·es, dans leur fonction publique)',
    basis: 'public_task',
    retention: 'Sans limite : l’historique des présidences est celui du réseau',
    recipients: 'Tout le monde',
    personal: ['person_id'],
  }),
  processing(groupMembers, {
    purpose: 'Tenir la liste des organisations membres de chaque groupe',
    basis: 'legitimate_interest',
    retention: 'Tant que l’organisation est membre du groupe',
    recipients: 'Tout le monde',
    personal: ['added_by'],
  }),
  processing(groupFollowers, {
    purpose: 'Inviter aux réunions d’un groupe les personnes qui le suivent',
    basis: 'consent',
    retention:
      'Jusqu’à ce que la personne cesse de suivre le groupe (depuis « Mes groupes » ou chaque invitation)',
    recipients: 'L’équipe du réseau ; la personne et son référent',
    personal: ['person_id', 'added_by'],
  }),
  processing(groupEvents, {
    purpose: 'Dire quelles réunions de l’agenda sont celles d’un groupe',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(groupInvitations, {
    purpose: 'Inviter une fois chaque personne à une réunion de groupe, et lui rappeler l’invitation',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'L’équipe du réseau',
    personal: ['person_id', 'invited_by'],
  }),
  processing(roadmapItems, {
    purpose: 'Tenir la feuille de route de chaque groupe',
    basis: 'legitimate_interest',
    retention: 'Sans limite',
    recipients: 'Les membres du groupe ; l’équipe du réseau',
    personal: [],
  }),
  processing(groupDocuments, {
    purpose: 'Publier les comptes rendus et documents des groupes',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde ou les membres du groupe, selon le document ; l’équipe du réseau',
    // A compte rendu names who spoke; its file name is the title staff gave it.
    personal: ['uploaded_by', 'content'],
    notPersonal: ['file_name'],
  }),
];
