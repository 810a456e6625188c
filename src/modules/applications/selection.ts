// The boxes of a bulk decision form, shared by the owners' review pages (an edition's queue, a call's
// committee): one field per application, so that no field is repeated (a form's repeated field keeps one value).
import { uuid } from '../../platform/validation.ts';

/** A row's box in the bulk form (`choix_<id>`). */
export const selectionField = (applicationId: string) => `choix_${applicationId}`;

/** The applications ticked in a bulk form (ids that are not uuids are not ours, and are dropped). */
export function selectedIds(form: Record<string, string | undefined>): string[] {
  return Object.entries(form).flatMap(([name, value]) => {
    const id = /^choix_(.+)$/.exec(name)?.[1];
    return id && value === 'oui' && uuid.safeParse(id).success ? [id] : [];
  });
}
