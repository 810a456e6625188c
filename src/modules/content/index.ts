// The site's texts that staff edit without a deployment, in a safe Markdown, with a preview and a history.
// Each module declares its texts (`Module.texts`) and shows them with `renderText`.
import { defineModule } from '../module.ts';
import { contentPages } from './content.pages.tsx';
import { contentPrivacy } from './content.privacy.ts';
import * as schema from './content.schema.ts';

export default defineModule({
  name: 'content',
  schema,
  privacy: contentPrivacy,
  pages: contentPages,
  nav: [{ menu: 'staff', href: '/gestion/textes', label: 'Textes du site', order: 55 }],
});
