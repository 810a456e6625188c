// Staff's pages of support calls (being written).
import type { Services } from '../../platform/services.ts';

export function staffPages(_services: Services) {
  return [];
}
