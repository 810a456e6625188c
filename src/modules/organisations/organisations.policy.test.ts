import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../../platform/http/actor.ts';
import { organisationsPolicy as policy } from './organisations.policy.ts';

const actor = (overrides: Partial<Actor>): Actor => ({
  personId: 'p',
  firstName: 'Ana',
  lastName: 'Lopes',
  email: 'ana@example.org',
  kind: 'officer',
  organisationId: 'org-a',
  referent: false,
  staff: false,
  ...overrides,
});

describe('who may add people', () => {
  const officer = actor({});
  const referent = actor({ referent: true });
  const staff = actor({ kind: 'staff', staff: true, organisationId: null });

  it('lets a referent create people of their own organisation only, without any role', () => {
    assert.equal(policy.createPerson(referent, { organisationId: 'org-a', kind: 'elected' }), true);
    assert.equal(policy.createPerson(referent, { organisationId: 'org-b', kind: 'elected' }), false);
    assert.equal(policy.createPerson(referent, { organisationId: null, kind: 'officer' }), false);
    assert.equal(policy.createPerson(referent, { organisationId: 'org-a', kind: 'staff' }), false);
    assert.equal(
      policy.createPerson(referent, { organisationId: 'org-a', kind: 'officer', referent: true }),
      false,
    );
  });

  it('lets staff create anyone anywhere, roles included, and nobody else anything', () => {
    assert.equal(
      policy.createPerson(staff, { organisationId: 'org-b', kind: 'staff', referent: true }),
      true,
    );
    assert.equal(policy.createPerson(staff, { organisationId: null, kind: 'staff' }), true);
    assert.equal(policy.createPerson(officer, { organisationId: 'org-a', kind: 'officer' }), false);
    assert.equal(policy.createPerson(null, { organisationId: 'org-a', kind: 'officer' }), false);
  });

  it('opens the colleagues form of « Mon espace » to a referent attached to an organisation', () => {
    assert.equal(policy.addColleagues(referent), true);
    assert.equal(policy.addColleagues(actor({ referent: true, organisationId: null })), false);
    assert.equal(policy.addColleagues(officer), false);
    assert.equal(policy.addColleagues(staff), false);
    assert.equal(policy.addColleagues(null), false);
  });
});
