/** The network staff's menu, shown at the top of every management page. */
export function StaffNav({ current }: { current: string }) {
  const links = [
    ['/gestion/organisations', 'Organisations'],
    ['/gestion/evenements', 'Événements'],
    ['/gestion/parcours', 'Parcours'],
    ['/gestion/adhesions/renouvellement', 'Renouvellements'],
    ['/gestion/import', 'Importer'],
    ['/dev/courriels', 'Courriels envoyés'],
  ] as const;
  return (
    <nav aria-label="Gestion" class="actions">
      {links.map(([href, label]) => (
        <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
