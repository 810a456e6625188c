// The pages a mail about an expression of interest leads to: confirm the address, or withdraw. Each shows
// what it is about and asks for one click on a button (a GET changes nothing: mail scanners open links).
import { frenchText } from '../../../platform/typography.ts';
import { CsrfField, Layout, type PageContext } from '../../../platform/views/layout.tsx';
import type { Interest } from '../interest.ts';
import type { Program } from '../programs.ts';

export function InterestLinkPage(props: {
  ctx: PageContext;
  link: 'confirm' | 'withdraw';
  interest: Interest;
  program: Program;
  token: string;
}) {
  const { interest, program, link } = props;
  const title = link === 'confirm' ? 'Confirmer mon intérêt' : 'Retirer mon intérêt';
  const path = `/parcours/interet/${interest.id}/${link === 'confirm' ? 'confirmer' : 'retirer'}`;
  const already = link === 'confirm' && interest.confirmedAt !== null;
  return (
    <Layout ctx={props.ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {frenchText(
          `Parcours « Diplomates des territoires » — ${program.title} : demande de ${interest.firstName} ${interest.lastName} (${interest.email}), ${interest.mandate}, ${interest.organisationName}.`,
        )}
      </p>
      {already ? (
        <p role="status">
          {frenchText(
            'Cette adresse est déjà confirmée : nous vous écrirons dès l’ouverture des candidatures.',
          )}
        </p>
      ) : (
        <form method="post" action={path}>
          <CsrfField ctx={props.ctx} />
          <input type="hidden" name="jeton" value={props.token} />
          <p>
            {frenchText(
              link === 'confirm'
                ? 'En confirmant, vous acceptez que nous vous écrivions à cette adresse à l’ouverture des candidatures. Chacun de nos courriels permet de retirer votre intérêt.'
                : 'Votre demande sera effacée et nous ne vous écrirons plus à ce sujet.',
            )}
          </p>
          <button type="submit">
            {link === 'confirm' ? 'Confirmer mon adresse' : 'Retirer mon intérêt'}
          </button>
        </form>
      )}
      <p>
        <a href={`/parcours/${program.id}`}>Voir la page du parcours</a>
      </p>
    </Layout>
  );
}
