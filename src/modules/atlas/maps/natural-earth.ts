// Natural Earth's country boundaries as world-atlas ships them (TopoJSON), read from the package's files.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export type Country = Feature<Polygon | MultiPolygon, { name: string }>;

const require = createRequire(import.meta.url);

/**
 * The countries at 1:110m (177, the small island states missing) or 1:50m (241). Read and parsed on each call
 * rather than `require`d, so that the file's objects are not kept in memory once the maps are drawn and cached.
 */
export function naturalEarthCountries(scale: '110m' | '50m'): Country[] {
  const file = require.resolve(`world-atlas/countries-${scale}.json`);
  const topology = JSON.parse(readFileSync(file, 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  return feature(topology, topology.objects.countries).features as Country[];
}
