// What the groups' staff forms send, as the use cases read it: the countries typed « JP, KR » become a list.
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
