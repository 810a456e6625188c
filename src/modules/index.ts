// The list of modules. The server, the job queue, the CLI, the menus, the demo data and the proof tests
// read it: a new module is one folder and one line here (its place in the list is the order of its demo
// data and of its routes).
import type { Executor } from '../platform/db/client.ts';
import { platformPrivacy } from '../platform/db/platform.privacy.ts';
import type { Config } from '../platform/env.ts';
import type { Processing } from '../platform/privacy.ts';
import type { Services } from '../platform/services.ts';
import accounts from './accounts/index.ts';
import applications from './applications/index.ts';
import { installPipelines } from './applications/pipeline.ts';
import atlas from './atlas/index.ts';
import calls from './calls/index.ts';
import conferences from './conferences/index.ts';
import content from './content/index.ts';
import { installAudiences } from './events/audiences.ts';
import { installEventLinks } from './events/event-links.ts';
import events from './events/index.ts';
import funds from './funds/index.ts';
import groups from './groups/index.ts';
import home from './home/index.ts';
import type { Module, PersonalBlock, Site } from './module.ts';
import newsletter from './newsletter/index.ts';
import organisations from './organisations/index.ts';
import { installPersonHooks } from './organisations/person-hooks.ts';
import program from './program/index.ts';

export const modules: readonly Module[] = [
  home,
  content,
  accounts,
  organisations,
  events,
  applications,
  program,
  groups,
  atlas,
  // Before the funds: its demo gives people to local governments that the funds' demo then names voters of.
  conferences,
  funds,
  calls,
  newsletter,
];

/** Installs what modules give each other (audiences, pipelines, reactions to people's changes). Idempotent. */
export function bootModules() {
  const names = new Set<string>();
  for (const module of modules) {
    if (names.has(module.name)) throw new Error(`module « ${module.name} » listé deux fois`);
    names.add(module.name);
  }
  installAudiences(modules.flatMap((m) => m.audiences ?? []));
  installEventLinks(modules.flatMap((m) => m.eventLinks ?? []));
  installPipelines(modules.flatMap((m) => m.pipelines ?? []));
  installPersonHooks(modules.flatMap((m) => (m.people ? [m.people] : [])));
}

/** The modules' checks of the database (made at start, after the migrations): French sentences. */
export async function moduleProblems(executor: Executor, config: Config): Promise<string[]> {
  const problems: string[] = [];
  for (const module of modules) problems.push(...((await module.checks?.(executor, config)) ?? []));
  return problems;
}

/** The modules' work at start (see `Module.start`); one that fails is logged and the others go on. */
export async function startModules(services: Pick<Services, 'db' | 'config' | 'logger'>) {
  for (const module of modules) {
    try {
      await module.start?.(services);
    } catch (error) {
      services.logger.error({ err: error, module: module.name }, 'tâche de démarrage interrompue');
    }
  }
}

/** The register of processing activities: the platform's tables and every module's. */
export const register = (): Processing[] => [...platformPrivacy, ...modules.flatMap((m) => m.privacy ?? [])];

/** What the modules contribute to the pages that gather them (see `Site`). */
export const site: Site = {
  async attention(executor, at) {
    const items = await Promise.all(modules.map((m) => m.attention?.(executor, at) ?? []));
    return items.flat().filter((item) => item.count > 0);
  },
  async search(executor, words, limit) {
    const hits = await Promise.all(modules.map((m) => m.search?.(executor, words, limit) ?? []));
    return hits.flat();
  },
  async forPerson(executor, actor, at) {
    const blocks = await Promise.all(modules.map((m) => m.forPerson?.(executor, actor, at)));
    return blocks.filter((b) => b !== undefined && b.items.length > 0) as PersonalBlock[];
  },
  texts: () => modules.flatMap((m) => m.texts ?? []),
  register,
};
