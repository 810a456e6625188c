import type { PageContext } from './layout.tsx';

/** The network staff's menu (the modules' `staff` entries), shown at the top of the management lists. */
export function StaffNav({ ctx, current }: { ctx: PageContext; current: string }) {
  return (
    <nav aria-label="Gestion" class="actions">
      {ctx.menus.staff.map(({ href, label }) => (
        <a key={href} href={href} aria-current={current === href ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
