// The applicant's pages of support calls (being written).
import type { Services } from '../../platform/services.ts';

export function applicantPages(_services: Services) {
  return [];
}
