// Every table of the platform, for drizzle-kit and the typed client. Each module owns its own tables.
export * from '../../modules/accounts/accounts.schema.ts';
export * from '../../modules/events/events.schema.ts';
export * from '../../modules/organisations/organisations.schema.ts';
export * from '../../modules/program/program.schema.ts';
export * from './platform.schema.ts';
