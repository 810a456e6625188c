import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { testApp } from '../../../tests/helpers.ts';
import { createLogger, redactUrl } from './log.ts';

describe('the access log', () => {
  it('keeps no secret of an address: query values and token-like segments are masked, UUIDs kept', () => {
    assert.equal(redactUrl('/connexion/lien?jeton=abcDEF123_-abcDEF123_-xyz'), '/connexion/lien?jeton=…');
    assert.equal(
      redactUrl('/agenda/personnel/Zm9vYmFyYmF6cXV4cXV1eHF1dXg.ics'),
      '/agenda/personnel/[secret]',
    );
    assert.equal(redactUrl('/emargement/Zm9vYmFyYmF6cXV4cXV1eHF1dXg'), '/emargement/[secret]');
    const id = '0b9f2c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
    // A check-in code: a registration's id and its mac (base64url, with or without `-`).
    assert.equal(
      redactUrl(`/emargement/${id}.abcDEF123abcDEF123abcDEF123abcDEF123abcDEF1`),
      '/emargement/[secret]',
    );
    assert.equal(
      redactUrl(`/emargement/${id}.abc-EF123_bcDEF123abcDEF123abcDEF123abcDEF1`),
      '/emargement/[secret]',
    );
    assert.equal(redactUrl(`/agenda/${id}.ics`), `/agenda/${id}.ics`);
    assert.equal(redactUrl('/agenda?mois=2026-12&vue=mois'), '/agenda?mois=…&vue=…');
  });

  it('writes requests to the log without the sign-in link, the calendar feed or the check-in code', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { app } = await testApp({ after }, {}, { logger: createLogger('info', sink) });
    const secrets = [
      'LienSecretDeConnexion0123456789',
      'FluxSecretDAgenda0123456789abcd',
      'CodeSecretEmargement0123456789',
      '0b9f2c1e-3a4b-4c5d-8e6f-7a8b9c0d1e2f.Mac-Secret_Emargement0123456789abcdefghijklm',
    ];
    await app.inject({ url: `/connexion/lien?jeton=${secrets[0]}` });
    await app.inject({ url: `/agenda/personnel/${secrets[1]}.ics` });
    await app.inject({ url: `/emargement/${secrets[2]}` });
    await app.inject({ url: `/emargement/${secrets[3]}` });
    const log = lines.join('');
    assert.match(log, /incoming request/, 'the requests were logged');
    assert.match(log, /\/connexion\/lien\?jeton=…/);
    for (const secret of secrets) assert.doesNotMatch(log, new RegExp(secret));
  });
});
