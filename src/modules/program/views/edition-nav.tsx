// The staff's pages of an edition share their menu and the edition's facts.
import { Fragment } from 'preact';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { StaffNav } from '../../../platform/views/staff-nav.tsx';
import type { Program, SessionWithEvent } from '../programs.ts';
import { calendarOf, ruleInWords } from './parts.tsx';

export function ProgramNav({
  ctx,
  program,
  current,
}: {
  ctx: PageContext;
  program?: Program;
  current: string;
}) {
  const links: [string, string][] = [['/gestion/parcours', 'Tous les parcours']];
  if (program) {
    const base = `/gestion/parcours/${program.id}`;
    links.push(
      [base, 'Séances et intérêts'],
      [`${base}/candidatures`, 'Candidatures'],
      [`${base}/promotion`, 'Promotion et certificats'],
      [`/parcours/${program.id}`, 'Page publique'],
    );
  }
  return (
    <>
      <StaffNav ctx={ctx} current="/gestion/parcours" />
      <nav aria-label="Gestion du parcours" class="actions">
        {links.map(([href, label]) => (
          <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
            {label}
          </a>
        ))}
      </nav>
    </>
  );
}

export function ProgramFacts({ program, sessions }: { program: Program; sessions: SessionWithEvent[] }) {
  const mandatory = sessions.filter((s) => s.mandatory).length;
  return (
    <dl class="facts">
      <dt>Règle</dt>
      <dd>{ruleInWords(program.minSessions, sessions.length, mandatory)}</dd>
      <dt>Places</dt>
      <dd>{program.cohortSize ?? 'non limitées'}</dd>
      {calendarOf(program, sessions).map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
      {program.signatoryName ? (
        <>
          <dt>Signataire</dt>
          <dd>
            {program.signatoryName}
            {program.signatoryTitle ? `, ${program.signatoryTitle}` : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}
