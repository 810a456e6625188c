// Filters the staff's lists share: the organisations' list and the people directory.
import { Select } from '../../../platform/views/layout.tsx';

/** The region of an organisation, any by default. */
export function RegionFilter(props: {
  label: string;
  regions: { code: string; name: string }[];
  value: string | undefined;
}) {
  return (
    <Select
      name="region"
      label={props.label}
      options={props.regions.map((r) => [r.code, r.name] as const)}
      value={props.value}
      empty="Toutes"
    />
  );
}

/** A yes-or-no filter, « Indifférent » by default. */
export function YesNoFilter(props: { name: string; label: string; value: string | undefined }) {
  return (
    <Select
      name={props.name}
      label={props.label}
      options={[
        ['true', 'Oui'],
        ['false', 'Non'],
      ]}
      value={props.value}
      empty="Indifférent"
    />
  );
}
