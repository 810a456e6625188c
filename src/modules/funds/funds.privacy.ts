// The solidarity funds in the register of processing activities (see platform/privacy.ts). The money is
// that of organisations (public accounts): the personal data are who recorded, voted and wrote.
import { processing } from '../../platform/privacy.ts';
import {
  allocations,
  decisions,
  fundContributors,
  fundEvents,
  fundReports,
  funds,
  ledgerEntries,
  ledgerGroups,
  receiptSequences,
  receipts,
} from './funds.schema.ts';

const accounts =
  'Dix ans après la clôture de l’exercice (pièces comptables, article L123-22 du code de commerce)';

export const fundsPrivacy = [
  processing(funds, {
    purpose: 'Présenter les fonds de solidarité du réseau et en rendre compte',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde ; les coordonnées bancaires, aux contributeurs et à l’équipe',
    personal: ['created_by'],
    notPersonal: ['name'],
  }),
  processing(fundContributors, {
    purpose: 'Savoir si une organisation contributrice accepte d’être nommée, et qui porte sa voix au comité',
    basis: 'legitimate_interest',
    retention: 'Comme le fonds',
    recipients: 'L’équipe du réseau ; l’organisation',
    personal: ['voter_id'],
  }),
  processing(ledgerGroups, {
    purpose: 'Tenir la comptabilité des fonds, en partie double, sans jamais effacer une écriture',
    basis: 'legal_obligation',
    retention: accounts,
    recipients: 'L’équipe du réseau, son expert-comptable ; les totaux, tout le monde',
    personal: [],
    // Why a movement was reversed: an accounting fact (« virement enregistré deux fois »), not a person's.
    notPersonal: ['reason'],
  }),
  processing(ledgerEntries, {
    purpose: 'Tenir la comptabilité des fonds, en partie double, sans jamais effacer une écriture',
    basis: 'legal_obligation',
    retention: accounts,
    recipients: 'L’équipe du réseau, son expert-comptable ; les totaux, tout le monde',
    personal: [],
  }),
  processing(receipts, {
    purpose: 'Numéroter sans trou les reçus remis aux contributeurs',
    basis: 'legal_obligation',
    retention: accounts,
    recipients: 'L’équipe du réseau ; l’organisation contributrice',
    personal: [],
  }),
  processing(receiptSequences, {
    purpose: 'Donner le numéro de reçu suivant de chaque année',
    basis: 'legal_obligation',
    retention: accounts,
    recipients: 'L’équipe du réseau',
    personal: [],
  }),
  processing(decisions, {
    purpose: 'Garder les décisions du comité des donateurs, leurs votes et leur quorum',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'L’équipe du réseau ; le comité ; les projets financés, tout le monde',
    personal: ['recorded_by'],
  }),
  processing(allocations, {
    purpose: 'Dire à quels projets l’argent des fonds est affecté',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde',
    personal: [],
  }),
  processing(fundReports, {
    purpose: 'Publier les points d’étape et rapports finals des fonds',
    basis: 'legitimate_interest',
    retention: 'Sans limite (l’histoire du réseau)',
    recipients: 'Tout le monde une fois publiés ; l’équipe du réseau',
    personal: ['created_by'],
  }),
  processing(fundEvents, {
    purpose: 'Dire quelles réunions de l’agenda sont celles du comité des donateurs d’un fonds',
    basis: 'legitimate_interest',
    retention: 'Comme l’événement',
    recipients: 'Tout le monde',
    personal: [],
  }),
];
