// Staff pages of the site's texts: the list, editing with a preview, the history with « put back ».
import { z } from 'zod';
import { staffOnly } from '../../platform/http/actor.ts';
import { definePage, notFound, redirect, refusal, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import type { Site } from '../module.ts';
import { messages, notices } from './content.messages.ts';
import { renderMarkdown } from './markdown.ts';
import { currentText, restoreText, saveText, textHistory, versionCounts } from './texts.ts';
import { EditTextPage, TextsPage } from './views/texts.tsx';

const keyParams = z.object({ key: z.string().regex(/^[a-z]+\.[a-z_]+$/) });
const versionParams = keyParams.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});

export const contentPages = ({ db }: Services, site: Site) => {
  const find = (key: string) => site.texts().find((t) => t.key === key);
  return [
    definePage({
      method: 'GET',
      url: '/gestion/textes',
      access: staffOnly,
      handler: async ({ ctx, notice }) =>
        view(<TextsPage ctx={ctx} texts={site.texts()} versions={await versionCounts(db)} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/textes/:key',
      access: staffOnly,
      params: keyParams,
      handler: async ({ ctx, params, notice }) => {
        const text = find(params.key);
        if (!text) return notFound(messages.textNotFound().text);
        return view(
          <EditTextPage
            ctx={ctx}
            text={text}
            body={await currentText(db, text)}
            history={await textHistory(db, text.key)}
            notice={notice}
          />,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/textes/:key',
      access: staffOnly,
      params: keyParams,
      handler: async ({ ctx, params, form, actor }) => {
        const text = find(params.key);
        if (!text) return notFound(messages.textNotFound().text);
        const body = form.body ?? '';
        const again = async (extra: { preview?: string; errors?: Record<string, string> }, status = 200) =>
          view(
            <EditTextPage
              ctx={ctx}
              text={text}
              body={body}
              history={await textHistory(db, text.key)}
              {...extra}
            />,
            status,
          );
        if (form.action === 'preview') return again({ preview: renderMarkdown(body) });
        const result = await db.transaction((tx) => saveText(tx, text, { body }, actor.personId));
        if (!result.ok)
          return again({ errors: result.error.fields ?? { _: result.error.message } }, result.error.status);
        return redirect(
          `/gestion/textes/${text.key}`,
          result.value.saved ? notices.saved : notices.unchanged,
        );
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/textes/:key/versions/:id',
      access: staffOnly,
      params: versionParams,
      handler: async ({ params, actor }) => {
        const text = find(params.key);
        if (!text) return notFound(messages.textNotFound().text);
        const result = await db.transaction((tx) => restoreText(tx, text, params.id, actor.personId));
        if (!result.ok) return refusal(result.error, 'Version introuvable');
        return redirect(`/gestion/textes/${text.key}`, notices.restored);
      },
    }),
  ];
};
