// The app's own list of routes. buildApp creates the Fastify instance and registers every route itself,
// leaving no moment to add an `onRoute` hook before them; so the list is read from the router's tree as
// `app.printRoutes({ commonPrefix: false })` prints it (each line: a path segment and its methods).
import type { FastifyInstance } from 'fastify';

export interface Route {
  method: string;
  path: string;
}

export function parseRouteTree(tree: string): Route[] {
  const routes: Route[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)(?:[└├]── )?(\S+) \(([A-Z, ]+)\)\s*$/.exec(line);
    if (!match) {
      if (line.trim()) throw new Error(`route tree: unreadable line « ${line} »`);
      continue;
    }
    const [, indent, segment, methods] = match as unknown as [string, string, string, string];
    const depth = indent.length / 4;
    while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
    const parent = stack.at(-1)?.path ?? '';
    const path = parent === '/' && segment !== '/' ? `/${segment}` : `${parent}${segment}`;
    stack.push({ depth, path });
    for (const method of methods.split(',').map((m) => m.trim())) routes.push({ method, path });
  }
  return routes;
}

export async function appRoutes(app: FastifyInstance): Promise<Route[]> {
  await app.ready();
  const routes = parseRouteTree(app.printRoutes({ commonPrefix: false }));
  // The parser is checked against routes known to exist, so that a change of format cannot empty the list.
  for (const known of [
    'GET /agenda/:id/documents/:documentId',
    'POST /api/v1/programs/:id/sessions',
    'GET /',
  ]) {
    if (!routes.some((r) => `${r.method} ${r.path}` === known))
      throw new Error(`route tree: ${known} not found — has printRoutes changed its format?`);
  }
  return routes;
}
