// What the groups' staff forms send, as the use cases read it: the countries typed « JP, KR » become a list.
// A roadmap item's field left empty clears it when the item is changed (`roadmapPatch`); one absent keeps it.
export function groupFromForm(form: Record<string, string | undefined>) {
  return {
    kind: form.kind,
    name: form.name,
    countries: (form.countries ?? '')
      .split(/[\s,;]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    description: form.description,
    status: form.status,
  };
}

/** A roadmap item's form, new or changed. */
export const roadmapFromForm = (form: Record<string, string | undefined>) => ({
  title: form.title,
  dueOn: form.dueOn,
  status: form.status,
  eventId: form.eventId,
  ownerOrganisationId: form.ownerOrganisationId,
});
