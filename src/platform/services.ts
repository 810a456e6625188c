import type { Logger } from 'pino';
import type { Database, Db } from './db/client.ts';
import type { Config } from './env.ts';
import type { JobRunner } from './jobs/queue.ts';

/** What every module's routes receive: configuration, the database, the logger, the job runner. */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  jobs: JobRunner;
}
