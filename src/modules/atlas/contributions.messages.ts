// The texts of the contributions to the atlas: proposals from « Mon espace », the moderation queue and its
// mails, the « appel à contribution » (keys `atlas.contrib*`, apart from atlas.messages.ts).
import { defineMessages, defineNotices } from '../../platform/messages.ts';

export const contributionsMessages = defineMessages('atlas', {
  contribReferentsOnly:
    'Cette page est réservée au référent ou à la référente d’une collectivité : demandez-lui de proposer les partenariats de votre collectivité.',
  contribNoOrganisation: 'Votre compte n’est rattaché à aucune organisation.',
  contribNotLocalGovernment:
    'Seule une collectivité territoriale française peut proposer des partenariats à l’atlas.',
  contribPartnerRequired: 'Choisissez la collectivité partenaire.',
  contribArchived:
    'Ce partenariat est archivé : écrivez à l’équipe du réseau pour le faire revenir dans l’atlas.',
  contribCampaignTarget: 'Choisissez un groupe-pays ou un pays.',
  contribCampaignGroupUnknown: 'Ce groupe n’existe pas ou n’est pas un groupe-pays.',
  contribCampaignNobody:
    'Aucun référent à solliciter : tous l’ont déjà été pour cet appel, ou il n’y en a pas.',

  // Mails
  contribAcceptedSubject: 'Votre contribution à l’atlas des partenariats est acceptée',
  contribRejectedSubject: 'Votre contribution à l’atlas des partenariats n’est pas retenue',
  contribDecisionIntro: ({
    network,
    partnership,
    day,
  }: {
    network: string;
    partnership: string;
    day: string;
  }) => `L’équipe de ${network} a examiné votre proposition du ${day} sur le partenariat ${partnership}.`,
  contribAcceptedText: 'Elle est acceptée : l’atlas et le répertoire du pays la montrent désormais.',
  contribRejectedText: ({ reason }: { reason: string }) =>
    `Elle n’est pas retenue, pour la raison suivante : « ${reason} ». Vous pouvez en proposer une nouvelle version.`,
  contribDecisionReason: ({ organisation }: { organisation: string }) =>
    `Vous recevez ce courriel parce que vous avez proposé cette contribution pour ${organisation}.`,
  contribCampaignSubject: ({ target }: { target: string }) =>
    `Appel à contribution : les partenariats de votre collectivité (${target})`,
  contribCampaignIntro: ({ network, target }: { network: string; target: string }) =>
    `${network} met à jour l’atlas des partenariats de coopération décentralisée (${target}).`,
  contribCampaignAsk:
    'Pouvez-vous vérifier les partenariats de votre collectivité, les corriger et nous signaler ceux qui manquent ? L’équipe relit chaque proposition avant de la publier.',
  contribCampaignReason: ({ organisation }: { organisation: string }) =>
    `Vous recevez ce courriel parce que vous êtes référent·e de ${organisation} sur la plateforme du réseau.`,
});

export const contributionsNotices = defineNotices('atlas', {
  contribProposed: 'Votre proposition est envoyée : l’équipe du réseau la relira avant de la publier.',
  contribAccepted: 'La contribution est acceptée et publiée ; la collectivité en est avertie par courriel.',
  contribRejected:
    'La contribution est refusée ; la collectivité en est avertie par courriel, avec la raison.',
  contribCampaignSent: 'L’appel à contribution part : un courriel à chaque référent qui ne l’avait pas reçu.',
});
