// A certificate's public verification page: valid or revoked, whose, which title and edition, and when.
import { formatDate, parisDate } from '../../../platform/time.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { programMessages as m } from '../program.messages.ts';

export function VerificationPage(props: {
  ctx: PageContext;
  code: string;
  result:
    | {
        valid: boolean;
        holder: string | null;
        erased: boolean;
        title: string;
        program: string;
        issuedOn: string;
        revokedOn: string | null;
        revocationReason: string | null;
      }
    | undefined;
}) {
  const r = props.result;
  // Issued ahead of its ceremony, a certificate is dated, and valid from, the ceremony's day.
  const ahead = r && r.issuedOn > parisDate();
  return (
    <Layout ctx={props.ctx} title="Vérification d’un certificat">
      <h1>Vérification d’un certificat</h1>
      {!r ? (
        <p class="error-summary" role="alert">
          Aucun certificat ne porte le code {props.code}. Vérifiez le code imprimé sous le QR code.
        </p>
      ) : (
        <>
          <p class={r.valid ? 'notice' : 'error-summary'} role="status">
            <strong>
              {!r.valid
                ? 'Certificat révoqué'
                : ahead
                  ? `Certificat valide à partir du ${formatDate(r.issuedOn)}`
                  : 'Certificat valide'}
            </strong>
            {r.valid
              ? ''
              : ` le ${formatDate(r.revokedOn!)}${r.revocationReason ? ` : ${r.revocationReason}` : ''}`}
          </p>
          <dl class="facts">
            <dt>Titulaire</dt>
            <dd>{r.erased ? m.erasedHolder().text : r.holder}</dd>
            <dt>Titre</dt>
            <dd>{r.title}</dd>
            <dt>Parcours</dt>
            <dd>« Diplomates des territoires » — {r.program}</dd>
            <dt>Délivré le</dt>
            <dd>{formatDate(r.issuedOn)}</dd>
            <dt>Code</dt>
            <dd>{props.code}</dd>
          </dl>
          {r.erased ? null : (
            <p>
              Badge numérique vérifiable (Open Badges 3.0) :{' '}
              <a href={`/certificats/${props.code}/credential.json`}>attestation JSON-LD</a>,{' '}
              <a href={`/certificats/${props.code}/credential.jwt`}>attestation signée</a>.
            </p>
          )}
        </>
      )}
    </Layout>
  );
}
