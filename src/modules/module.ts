// What a module brings to the platform: its manifest, exported by `src/modules/<name>/index.ts` and listed
// once in `src/modules/index.ts`. The server, the job queue, the CLI, the menus, the demo data and the
// proof tests read the list: adding a module is one folder plus one line.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../platform/db/client.ts';
import type { Config } from '../platform/env.ts';
import type { Actor } from '../platform/http/actor.ts';
import type { ApiRoute } from '../platform/http/api.ts';
import type { PageRoute } from '../platform/http/pages.tsx';
import type { JobHandler, Schedule } from '../platform/jobs/queue.ts';
import type { Processing } from '../platform/privacy.ts';
import type { Services } from '../platform/services.ts';
import type { NavEntry } from '../platform/views/navigation.ts';
import type { NextStepsBlock } from '../platform/views/next-steps.tsx';
import type { Pipeline } from './applications/pipeline.ts';
import type { EditableText } from './content/texts.ts';
import type { AudienceDefinition } from './events/audiences.ts';
import type { EventLinkDefinition } from './events/event-links.ts';
import type { Organisation } from './organisations/organisations.ts';
import type { Person } from './organisations/people.ts';
import type { PersonHooks } from './organisations/person-hooks.ts';

/** What the demo data of one module leaves for the next ones (the modules' seeds run in list order). */
export interface DemoData {
  at: Date;
  baseUrl: string;
  /** By the names the seeds use (« Angers », « Hélène Garnier »). */
  organisations: Map<string, Organisation>;
  people: Map<string, Person>;
  staff: Person[];
}

/** A command of `coopdec` (see src/cli.ts). A mistake of the user throws a `CliError` with a French text. */
export interface CliCommand {
  /** The words that call it: `token create`. */
  name: string;
  /** One line of the help, after the name: `--email E [--label L]   crée un jeton d’API`. */
  usage: string;
  /** Its `--options`, each taking a text. */
  options: string[];
  run(services: Services, options: Record<string, string | undefined>): Promise<void>;
}

export class CliError extends Error {}

/** Something the staff should look at, on their home page (`/gestion`): « 3 candidatures à examiner ». */
export interface AttentionItem {
  label: string;
  count: number;
  href: string;
}

/** What a person has next in one module, shown on their home page and « Mon espace » (their next events…). */
export type PersonalBlock = NextStepsBlock;

/** A result of the staff's search box. */
export interface SearchHit {
  /** What it is, in French: « Personne », « Organisation », « Événement ». */
  kind: string;
  title: string;
  detail?: string;
  href: string;
}

/** Who is asking: filled by the one module that provides it (accounts). */
export interface Authentication {
  /** Reads the session cookie of page requests and sets `request.actor`. */
  install(app: FastifyInstance, services: Services): void;
  /** For API routes: a valid Bearer token sets `request.actor`, otherwise answers 401 and returns false. */
  api(services: Services): (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>;
}

/** What modules contribute to pages that gather them all (the staff's home and search, the register). */
export interface Site {
  attention(executor: Executor, at: Date): Promise<AttentionItem[]>;
  /** What the person has next, module by module (blocks with no item are left out). */
  forPerson(executor: Executor, actor: Actor, at: Date): Promise<PersonalBlock[]>;
  /** Every module's texts that staff edit. */
  texts(): EditableText[];
  search(executor: Executor, words: string, limit: number): Promise<SearchHit[]>;
  register(): Processing[];
}

export interface Module {
  /** The folder's name. */
  name: string;
  /** The module's tables (drizzle-kit reads `src/modules/*\/*.schema.ts`; this is for the proofs and the register). */
  schema?: Record<string, unknown>;
  /** Its tables in the register of processing activities (`<name>.privacy.ts`). */
  privacy?: Processing[];
  /** Page routes (`definePage`); `site` gives what all modules contribute. */
  pages?: (services: Services, site: Site) => PageRoute[];
  /** `/api/v1` routes (`defineApiRoute`): they also make the OpenAPI document. */
  api?: (services: Services) => ApiRoute[];
  /** Jobs that come back (purges, retention): each kind also has its handler in `jobs`. */
  schedules?: Schedule[];
  /** Handlers of the job queue, by job kind. */
  jobs?: (services: Pick<Services, 'db' | 'config' | 'logger'>) => Record<string, JobHandler>;
  /** Entries of the main menu and of the staff menu (some depend on the configuration). */
  nav?: NavEntry[] | ((config: Config) => NavEntry[]);
  /** Audiences of the agenda this module defines (`cohort` for the program). */
  audiences?: AudienceDefinition[];
  /** What it links events of the agenda to (`groupIds`: the groups whose meeting an event is). */
  eventLinks?: EventLinkDefinition[];
  /** The application-and-review pipelines this module owns (the program's editions, support calls). */
  pipelines?: Pipeline[];
  /** What the module does when something happens to a person (disabled…). */
  people?: PersonHooks;
  authentication?: Authentication;
  cli?: CliCommand[];
  /** Demo data, loaded on an empty database in the order of the list. */
  seed?: (tx: Executor, demo: DemoData) => Promise<void>;
  /**
   * Work done at each start, after the migrations and before serving (re-signing credentials of an older
   * format…). A failure is logged and the start goes on: serving matters more.
   */
  start?: (services: Pick<Services, 'db' | 'config' | 'logger'>) => Promise<void>;
  /** Its texts of the site that staff edit (shown with the content module's `renderText`). */
  texts?: EditableText[];
  /** What a signed-in person has next in this module: a registration, an application, an action to take. */
  forPerson?: (executor: Executor, actor: Actor, at: Date) => Promise<PersonalBlock | undefined>;
  /** What needs the staff's attention now (the staff's home lists every module's). */
  attention?: (executor: Executor, at: Date) => Promise<AttentionItem[]>;
  /** The staff's search box: this module's records matching the words (at most `limit`). */
  search?: (executor: Executor, words: string, limit: number) => Promise<SearchHit[]>;
  /**
   * Checks made at boot on the database (with the configuration: a secret sealed with another key…); each
   * problem found is a French sentence and stops the start.
   */
  checks?: (executor: Executor, config: Config) => Promise<string[]>;
}

export const defineModule = (module: Module) => module;
