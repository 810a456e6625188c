import { formatDate } from '../../../platform/time.ts';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';

export function VerificationPage(props: {
  ctx: PageContext;
  code: string;
  result:
    | {
        valid: boolean;
        holder: string;
        program: string;
        issuedOn: string;
        revokedOn: string | null;
        revocationReason: string | null;
      }
    | undefined;
}) {
  const r = props.result;
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
            <strong>{r.valid ? 'Certificat valide' : 'Certificat révoqué'}</strong>
            {r.valid
              ? ''
              : ` le ${formatDate(r.revokedOn!)}${r.revocationReason ? ` : ${r.revocationReason}` : ''}`}
          </p>
          <dl class="facts">
            <dt>Titulaire</dt>
            <dd>{r.holder}</dd>
            <dt>Titre</dt>
            <dd>Auditeur de Cités Unies France</dd>
            <dt>Parcours</dt>
            <dd>« Diplomates des territoires » — {r.program}</dd>
            <dt>Délivré le</dt>
            <dd>{formatDate(r.issuedOn)}</dd>
            <dt>Code</dt>
            <dd>{props.code}</dd>
          </dl>
          <p>
            Badge numérique vérifiable (Open Badges 3.0) :{' '}
            <a href={`/certificats/${props.code}/credential.json`}>attestation JSON-LD</a>,{' '}
            <a href={`/certificats/${props.code}/credential.jwt`}>attestation signée</a>.
          </p>
        </>
      )}
    </Layout>
  );
}
