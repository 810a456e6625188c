// Wires the platform for one process: logger, database, job queue with every module's job handlers.
import type { Logger } from 'pino';
import { modules } from './modules/index.ts';
import { type DatabaseOptions, type Db, openDatabase } from './platform/db/client.ts';
import type { Config } from './platform/env.ts';
import { createLogger } from './platform/http/log.ts';
import { housekeepingHandler, housekeepingJob, housekeepingSchedule } from './platform/jobs/housekeeping.ts';
import { type JobHandler, JobRunner } from './platform/jobs/queue.ts';
import { createMailSender, mailJob, mailOptionsOf } from './platform/mail/mail.tsx';
import { installSecretsKey, secretsKey } from './platform/secrets.ts';
import type { Services } from './platform/services.ts';

export interface RunningServices extends Services {
  close(): Promise<void>;
}

/** The job queue with every module's job handlers. */
export function createJobRunner(db: Db, config: Config, logger: Logger, pollMs = config.JOBS_POLL_MS) {
  // The mail sender opens the secrets sealed in the outbox (sign-in links).
  installSecretsKey(secretsKey(config));
  const mailer = createMailSender(db, mailOptionsOf(config));
  const handlers: Record<string, JobHandler> = {
    [mailJob]: mailer.handler,
    [housekeepingJob]: housekeepingHandler(db),
  };
  for (const module of modules) {
    for (const [kind, handler] of Object.entries(module.jobs?.({ db, config, logger }) ?? {})) {
      if (handlers[kind]) throw new Error(`travail « ${kind} » défini deux fois`);
      handlers[kind] = handler;
    }
  }
  const schedules = [housekeepingSchedule, ...modules.flatMap((m) => m.schedules ?? [])];
  for (const { kind } of schedules) {
    if (!handlers[kind]) throw new Error(`travail récurrent « ${kind} » sans traitement`);
  }
  const jobs = new JobRunner(db, handlers, { pollMs, logger, schedules });
  return {
    jobs,
    close: async () => {
      await jobs.stop();
      mailer.close();
    },
  };
}

export async function createServices(
  config: Config,
  options: { logger?: Logger; startFrom?: DatabaseOptions['startFrom'] } = {},
): Promise<RunningServices> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    startFrom: options.startFrom,
  });
  const { jobs, close } = createJobRunner(database.db, config, logger);
  return {
    config,
    database,
    db: database.db,
    logger,
    jobs,
    close: async () => {
      await close();
      await database.close();
    },
  };
}
