// The atlas's imports in the register of processing activities (see platform/privacy.ts).
import { processing } from '../../platform/privacy.ts';
import { atlasImports } from './import.schema.ts';

export const atlasImportPrivacy = [
  processing(atlasImports, {
    purpose:
      'Préparer puis enregistrer l’import d’un fichier de partenariats (aperçu ligne par ligne, compte rendu)',
    basis: 'public_task',
    retention:
      'Un aperçu abandonné est effacé ; un import enregistré garde son compte rendu (ce que chaque ligne a fait)',
    recipients: 'L’équipe du réseau',
    // The file's lines name local governments and projects, not people.
    personal: ['created_by'],
    notPersonal: ['file_name', 'lines', 'preview', 'report'],
  }),
];
