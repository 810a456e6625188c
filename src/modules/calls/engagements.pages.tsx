// The pages of support engagements (being written).
import type { Services } from '../../platform/services.ts';

export function engagementPages(_services: Services) {
  return [];
}
