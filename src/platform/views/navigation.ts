// The menus, made of what each module declares in its manifest (`nav`): the platform knows no module's pages.

/** A link of a menu. `main` is the site's header menu; `staff` the menu of the management pages. */
export interface NavEntry {
  menu: 'main' | 'staff';
  href: string;
  label: string;
  /** Position in its menu, lowest first. */
  order: number;
  /** Who sees it (default: everyone). */
  shownTo?: 'everyone' | 'visitors' | 'signedIn' | 'staff';
}

export interface NavLink {
  href: string;
  label: string;
}

export interface Menus {
  main: NavLink[];
  staff: NavLink[];
}

/** The links a viewer sees, in order. */
export function menusFor(entries: readonly NavEntry[], viewer: { staff: boolean } | null): Menus {
  const shown = {
    everyone: true,
    visitors: !viewer,
    signedIn: Boolean(viewer),
    staff: Boolean(viewer?.staff),
  };
  const visible = entries
    .filter((entry) => shown[entry.shownTo ?? 'everyone'])
    .sort((a, b) => a.order - b.order);
  const links = (menu: NavEntry['menu']) =>
    visible.filter((e) => e.menu === menu).map(({ href, label }) => ({ href, label }));
  return { main: links('main'), staff: links('staff') };
}
