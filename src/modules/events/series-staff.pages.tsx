// Staff pages of series: their list, and a series' edit form (its refusals re-show what was typed).
import { definePage, notFound, redirect, view } from '../../platform/http/pages.tsx';
import type { Services } from '../../platform/services.ts';
import { editSeries } from './edit-series.ts';
import { idParams } from './events.forms.ts';
import { eventsMessages as m, eventsNotices as notices } from './events.messages.ts';
import { eventsPolicy as policy } from './events.policy.ts';
import { getSeries, staffSeriesList } from './events.queries.ts';
import { EditSeriesPage, SeriesListPage } from './views/series-staff.tsx';

const seriesGone = () => notFound(m.seriesGone().text, 'Série introuvable');

export function seriesStaffPages({ db }: Services) {
  return [
    definePage({
      method: 'GET',
      url: '/gestion/series',
      access: policy.manage,
      handler: async ({ ctx, notice }) =>
        view(<SeriesListPage ctx={ctx} rows={await staffSeriesList(db)} notice={notice} />),
    }),
    definePage({
      method: 'GET',
      url: '/gestion/series/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ params, ctx }) => {
        const series = await getSeries(db, params.id);
        if (!series) return seriesGone();
        const values = {
          title: series.title,
          description: series.description ?? '',
          guestLabel: series.guestLabel ?? '',
        };
        return view(<EditSeriesPage ctx={ctx} series={series} values={values} />);
      },
    }),
    definePage({
      method: 'POST',
      url: '/gestion/series/:id',
      access: policy.manage,
      params: idParams,
      handler: async ({ actor, params, form, ctx }) => {
        const input = { title: form.title ?? '', description: form.description, guestLabel: form.guestLabel };
        const result = await db.transaction((tx) => editSeries(tx, params.id, input, actor.personId));
        if (result.ok) {
          return redirect(
            '/gestion/series',
            result.value.changed.length ? notices.series_changed : notices.series_unchanged,
          );
        }
        if (result.error.status === 404) return seriesGone();
        // The form again, as typed, with why it was refused; the series as it stands names the page.
        const series = await getSeries(db, params.id);
        if (!series) return seriesGone();
        const { fields, message, status } = result.error;
        return view(
          <EditSeriesPage
            ctx={ctx}
            series={series}
            values={form}
            errors={fields}
            error={fields ? undefined : message}
          />,
          status,
        );
      },
    }),
  ];
}
