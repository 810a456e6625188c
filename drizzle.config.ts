import { defineConfig } from 'drizzle-kit';

// Each module owns its tables in its own folder (`src/modules/<name>/<name>.schema.ts`): a new module's
// tables are found without editing this file.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/platform.schema.ts', './src/modules/*/*.schema.ts'],
  out: './drizzle',
});
