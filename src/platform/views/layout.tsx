import { type ComponentChildren, createElement } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Network } from '../identity.ts';
import { assetUrl } from './assets.ts';
import type { Menus, NavLink as NavLinkData } from './navigation.ts';

/** What every page needs to know about the request: who is signed in, the CSRF token, where we are. */
export interface PageContext {
  viewer: { name: string; staff: boolean } | null;
  /** Made when a form asks for it, so that a page without a form sets no cookie. */
  readonly csrfToken: string;
  path: string;
  menus: Menus;
  /** Who we are (the network), said on every page. */
  network: Network;
}

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** Short status message shown above the content (after an action). */
  notice?: string | undefined;
}

const isCurrent = (link: NavLinkData, current: string) =>
  current === link.href || (link.href !== '/' && current.startsWith(`${link.href}/`));

function NavLink({ link, current }: { link: NavLinkData; current: string }) {
  const active = isCurrent(link, current);
  return (
    <li>
      <a href={link.href} aria-current={active ? 'page' : undefined}>
        {link.label}
      </a>
    </li>
  );
}

function MainMenu({ ctx }: { ctx: PageContext }) {
  return (
    <ul>
      {ctx.menus.main.map((link) => (
        <NavLink key={link.href} link={link} current={ctx.path} />
      ))}
    </ul>
  );
}

function SignOut({ ctx }: { ctx: PageContext }) {
  if (!ctx.viewer) return null;
  return (
    <form method="post" action="/deconnexion" class="sign-out">
      <CsrfField ctx={ctx} />
      <span>{ctx.viewer.name}</span> <button type="submit">Se déconnecter</button>
    </form>
  );
}

function HeaderBar({ ctx }: { ctx: PageContext }) {
  const network = ctx.network;
  return (
    <div class="wrap header-bar">
      <a class="brand" href="/">
        <img src={assetUrl(network.logo)} alt="" width={36} height={36} />
        <span>{network.name}</span>
      </a>
      {/* Wide screens: the menu in the bar. Phones: one line, and a « Menu » button that opens it. */}
      <nav aria-label="Menu principal" class="menu-wide">
        <MainMenu ctx={ctx} />
      </nav>
      <div class="menu-wide">
        <SignOut ctx={ctx} />
      </div>
      <details class="menu-narrow">
        <summary>Menu</summary>
        <nav aria-label="Menu principal">
          <MainMenu ctx={ctx} />
          <SignOut ctx={ctx} />
        </nav>
      </details>
    </div>
  );
}

function FooterContent({ network }: { network: Network }) {
  return (
    <div class="wrap">
      <p>
        <strong>{network.name}</strong> · {network.address} ·{' '}
        <a href={`tel:${network.phone.replace(/\s/g, '')}`}>{network.phone}</a> ·{' '}
        <a href={`mailto:${network.email}`}>{network.email}</a> · <a href={network.website}>site du réseau</a>
      </p>
      <p class="muted">
        Coopdec est la plateforme de {network.name}. Nos courriels ne vous demandent jamais de mot de passe ni
        de coordonnées bancaires ; en cas de doute, écrivez-nous ou appelez-nous.
      </p>
      <ul>
        <li>
          <a href="/contact">Contact</a>
        </li>
        <li>
          <a href="/courriels/verifier">Vérifier un courriel</a>
        </li>
        <li>
          <a href="/confidentialite">Données personnelles</a>
        </li>
        <li>
          <a href="/accessibilite">Accessibilité : partiellement conforme</a>
        </li>
        <li>
          <a href="/api/openapi.json">API (OpenAPI)</a>
        </li>
      </ul>
    </div>
  );
}

// What a page shows that does not depend on the request is rendered once: the footer (the network's), and
// a visitor's header (the network's and the menu's, with the link of the current section marked). Kept per
// network (a test may run several), at most a few entries each (one per section of the menu).
const renderedOnce = new WeakMap<Network, Map<string, string>>();

function once(network: Network, key: string, render: () => string): string {
  const known = renderedOnce.get(network) ?? new Map<string, string>();
  renderedOnce.set(network, known);
  const html = known.get(key) ?? render();
  known.set(key, html);
  return html;
}

function headerHtml(ctx: PageContext): string {
  const links = ctx.menus.main;
  const key = `header\n${links.map((l) => `${isCurrent(l, ctx.path) ? '*' : ''}${l.href} ${l.label}`).join('\n')}`;
  return once(ctx.network, key, () => renderToString(<HeaderBar ctx={ctx} />));
}

export function Layout({ ctx, title, children, notice }: LayoutProps) {
  const network = ctx.network;
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${network.name}`}</title>
        <link rel="stylesheet" href={assetUrl('/static/app.css')} />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        {/* A signed-in visitor's header has their name and a form (its CSRF token): rendered each time. */}
        {ctx.viewer ? (
          <header class="site-header">
            <HeaderBar ctx={ctx} />
          </header>
        ) : (
          <header class="site-header" dangerouslySetInnerHTML={{ __html: headerHtml(ctx) }} />
        )}
        <main id="contenu" class="wrap" tabIndex={-1}>
          {notice ? (
            <p class="notice" role="status">
              {notice}
            </p>
          ) : null}
          {children}
        </main>
        <footer
          class="site-footer"
          dangerouslySetInnerHTML={{
            __html: once(network, 'footer', () => renderToString(<FooterContent network={network} />)),
          }}
        />
      </body>
    </html>
  );
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/**
 * A list of field errors at the top of a form, linked to the fields (RGAA 11.10, 11.11). An error is
 * keyed by its field's id, or `targets` names the id of the field it is about (« mandate.title » →
 * « mandateTitle »); an error about no field (key « _ ») is shown without a link.
 */
export function ErrorSummary({
  errors,
  targets = {},
}: {
  errors: Record<string, string> | undefined;
  targets?: Record<string, string>;
}) {
  if (!errors || Object.keys(errors).length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>Le formulaire contient des erreurs</h2>
      <ul>
        {Object.entries(errors).map(([field, message]) => {
          const target = targets[field] ?? field;
          return <li key={field}>{target === '_' ? message : <a href={`#${target}`}>{message}</a>}</li>;
        })}
      </ul>
    </div>
  );
}

export interface FieldProps {
  name: string;
  /** The element's id, when one page shows the same field twice; the name otherwise. */
  id?: string;
  label: string;
  type?: 'text' | 'email' | 'date' | 'datetime-local' | 'time' | 'number' | 'search' | 'tel' | 'url';
  value?: string | undefined;
  required?: boolean;
  hint?: string | undefined;
  error?: string | undefined;
  autocomplete?: string;
}

/** Label, hint and error around a control, linked to it for screen readers (RGAA 11.1, 11.10). */
function FieldShell(props: {
  id: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  children: (describedBy: string | undefined) => ComponentChildren;
}) {
  const { id, hint, error } = props;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      {props.children(describedBy || undefined)}
    </div>
  );
}

export function Field({
  name,
  id = name,
  label,
  type = 'text',
  value,
  required,
  hint,
  error,
  autocomplete,
}: FieldProps) {
  return (
    <FieldShell id={id} label={label} required={required} hint={hint} error={error}>
      {(describedBy) =>
        // preact's input typings tie attributes to each type; one component serves them all.
        createElement('input', {
          id,
          name,
          type,
          value,
          required,
          autocomplete,
          'aria-invalid': error ? 'true' : undefined,
          'aria-describedby': describedBy,
        })
      }
    </FieldShell>
  );
}

/** A file to send (the form needs enctype="multipart/form-data"); `accept` names the types offered. */
export function FileField(props: Omit<FieldProps, 'type' | 'value' | 'autocomplete'> & { accept: string }) {
  const id = props.id ?? props.name;
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      {(describedBy) => (
        <input
          id={id}
          name={props.name}
          type="file"
          required={props.required}
          accept={props.accept}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
        />
      )}
    </FieldShell>
  );
}

export function TextArea(props: Omit<FieldProps, 'type' | 'autocomplete'> & { rows?: number }) {
  const id = props.id ?? props.name;
  return (
    <FieldShell id={id} label={props.label} required={props.required} hint={props.hint} error={props.error}>
      {(describedBy) => (
        <textarea
          id={id}
          name={props.name}
          rows={props.rows ?? 4}
          required={props.required}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {props.value ?? ''}
        </textarea>
      )}
    </FieldShell>
  );
}

export interface SelectProps {
  name: string;
  /** The element's id, when one page shows the same field twice; the name otherwise. */
  id?: string;
  label: string;
  options: readonly (readonly [string, string])[];
  value?: string | undefined;
  required?: boolean;
  error?: string | undefined;
  /** Label of an empty first option, when the choice may be left empty. */
  empty?: string;
}

export function Select({ name, id = name, label, options, value, required, error, empty }: SelectProps) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>
        {label}
        {required ? <span class="required"> (obligatoire)</span> : null}
      </label>
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map(([v, l]) => (
          <option key={v} value={v} selected={v === value}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
