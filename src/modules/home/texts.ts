// The home module's texts that staff edit (see the content module): their defaults are the words of today.
import type { EditableText } from '../content/texts.ts';

export const homeIntro: EditableText = {
  key: 'home.intro',
  label: 'Accueil : présentation du réseau',
  where: 'sur la page d’accueil, sous le titre',
  default: `Le réseau réunit les collectivités territoriales engagées dans l’action internationale. Sur cette
plateforme, leurs élus et leurs équipes suivent leur adhésion, s’inscrivent aux événements du réseau et au
parcours « Diplomates des territoires ».`,
};

export const accessibilityStatement: EditableText = {
  key: 'home.accessibility',
  label: 'Déclaration d’accessibilité',
  where: 'sur la page « Accessibilité », reliée en bas de chaque page',
  default: `Le réseau s’engage à rendre sa plateforme accessible conformément à l’article 47 de la loi n° 2005-102
du 11 février 2005. Cette déclaration s’applique à la plateforme Coopdec.

# État de conformité

La plateforme est **partiellement conforme** avec le RGAA 4.1 : l’audit complet par un organisme
indépendant n’a pas encore eu lieu.

# Résultats des tests

Chaque page est vérifiée automatiquement avec axe-core (règles WCAG 2.1 niveaux A et AA) dans un navigateur
Chromium à chaque modification du logiciel : aucune violation n’est admise. Ces tests automatiques couvrent
une partie seulement des critères du RGAA.

# Technologies utilisées

- HTML5, CSS ; les pages fonctionnent sans JavaScript.

# Retour d’information et contact

Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez à l’équipe du réseau (page
[Contact](/contact)) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre
forme.

# Voies de recours

Si vous constatez un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un service, et que
vous n’avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (formulaire en
ligne, délégué territorial, ou courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris
CEDEX 07).`,
};

export const homeTexts = [homeIntro, accessibilityStatement];
