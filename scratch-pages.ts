import pino from 'pino';
import { testApp } from './tests/helpers.ts';
import { seedDemo } from './src/demo/seed.ts';
const cleanups: (() => unknown)[] = [];
const t = { after: (fn: () => unknown) => cleanups.push(fn) };
const logger = pino({ level: 'error' });
const app = await testApp(t, {}, { logger });
await seedDemo(app.db);
for (const url of (process.argv[2] ?? '/atlas').split(',')) {
  const t0 = performance.now();
  const r = await app.app.inject({ url });
  console.log(url, r.statusCode, r.body.length, Math.round(performance.now() - t0), 'ms');
  if (r.statusCode >= 400) console.log(r.body.slice(0, 1500));
  if (process.env.SAVE) (await import('node:fs')).writeFileSync(`/work/scratch/${url.replace(/\W+/g, '_')}.html`, r.body);
}
for (const fn of cleanups.reverse()) await fn();
