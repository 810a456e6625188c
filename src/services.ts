// Wires the platform for one process: logger, database, job queue with every module's job handlers.
import pino, { type Logger } from 'pino';
import { openDatabase } from './platform/db/client.ts';
import type { Config } from './platform/env.ts';
import { JobRunner } from './platform/jobs/queue.ts';
import { createMailSender, mailJob } from './platform/mail/mail.tsx';
import type { Services } from './platform/services.ts';

export interface RunningServices extends Services {
  close(): Promise<void>;
}

export async function createServices(
  config: Config,
  options: { logger?: Logger } = {},
): Promise<RunningServices> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  const mailer = createMailSender(database.db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM });
  const jobs = new JobRunner(
    database.db,
    { [mailJob]: mailer.handler },
    { pollMs: config.JOBS_POLL_MS, logger },
  );
  return {
    config,
    database,
    db: database.db,
    logger,
    jobs,
    close: async () => {
      await jobs.stop();
      mailer.close();
      await database.close();
    },
  };
}
