import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityOf, parseMailbox, platformDomain } from './identity.ts';

describe('the platform’s identity', () => {
  it('names UIDs and Message-IDs after the host of BASE_URL', () => {
    assert.equal(
      platformDomain('https://agenda.reseau.example.fr', 'x <a@b.org>'),
      'agenda.reseau.example.fr',
    );
    assert.equal(platformDomain('https://Reseau.Example.fr:8443/base', 'a@b.org'), 'reseau.example.fr');
  });

  it('takes MAIL_FROM’s domain when BASE_URL names no domain (localhost, an IP address)', () => {
    for (const base of [
      'http://localhost:3000',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'http://intranet',
    ]) {
      assert.equal(
        platformDomain(base, 'Coopdec <ne-pas-repondre@coopdec.example.org>'),
        'coopdec.example.org',
      );
    }
  });

  it('reads the sender’s name and address from MAIL_FROM, with or without quotes or a name', () => {
    assert.deepEqual(parseMailbox('Cités Unies France <contact@cites-unies-france.org>'), {
      name: 'Cités Unies France',
      email: 'contact@cites-unies-france.org',
    });
    assert.deepEqual(parseMailbox('"Réseau, équipe" <equipe@reseau.fr>'), {
      name: 'Réseau, équipe',
      email: 'equipe@reseau.fr',
    });
    assert.deepEqual(parseMailbox('equipe@reseau.fr'), { name: '', email: 'equipe@reseau.fr' });
    assert.deepEqual(identityOf({ baseUrl: 'http://localhost:3000', MAIL_FROM: 'equipe@reseau.fr' }), {
      domain: 'reseau.fr',
      sender: { name: 'equipe@reseau.fr', email: 'equipe@reseau.fr' },
    });
  });
});
