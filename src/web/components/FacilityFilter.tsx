// The facility chooser of the lists and the dashboard: every facility the user may see, or all of them.
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';

export function FacilityFilter({
  name,
  value,
  onChange,
}: {
  /** The select's name, as the screen's tests and address know it. */
  name: string;
  value: string | undefined;
  onChange(facilityId: string): void;
}) {
  const { t, facilityName } = useI18n();
  const directory = useDirectory();
  return (
    <label>
      <span className="field-label">{t('common.facility')}</span>
      <select name={name} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('common.allFacilities')}</option>
        {directory.facilities.map((f) => (
          <option key={f.id} value={f.id}>
            {f.code} · {facilityName(f)}
          </option>
        ))}
      </select>
    </label>
  );
}
