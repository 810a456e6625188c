// Wires the platform for one process: logger, database, job queue with every module's job handlers.
import pino, { type Logger } from 'pino';
import { eventNoticeHandler } from './modules/events/event-notice-mails.ts';
import { eventNoticeJob } from './modules/events/event-notices.ts';
import { notificationSettings, reminderHandler, reminderJob } from './modules/events/notifications.ts';
import { type Db, openDatabase } from './platform/db/client.ts';
import type { Config } from './platform/env.ts';
import { identityOf } from './platform/identity.ts';
import { JobRunner } from './platform/jobs/queue.ts';
import { createMailSender, mailJob } from './platform/mail/mail.tsx';
import type { Services } from './platform/services.ts';

export interface RunningServices extends Services {
  close(): Promise<void>;
}

/** The job queue with every module's job handlers. */
export function createJobRunner(db: Db, config: Config, logger: Logger, pollMs = config.JOBS_POLL_MS) {
  const mailer = createMailSender(db, {
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    domain: identityOf(config).domain,
  });
  const handlers = {
    [mailJob]: mailer.handler,
    [reminderJob]: reminderHandler(db, notificationSettings(config)),
    [eventNoticeJob]: eventNoticeHandler(db, notificationSettings(config)),
  };
  const jobs = new JobRunner(db, handlers, { pollMs, logger });
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
  options: { logger?: Logger } = {},
): Promise<RunningServices> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
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
