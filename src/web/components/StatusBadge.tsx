import type { Custody } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';

/** A person's custody status, with "at hospital" for one in custody but away from their section. */
export function StatusBadge({ custody }: { custody: Custody }) {
  const { t } = useI18n();
  const atHospital = custody.status === 'in-custody' && custody.presence === 'hospital';
  return (
    <span className={`status status-${custody.status}`} data-status={custody.status}>
      {atHospital ? t('status.at-hospital') : t(`status.${custody.status}`)}
    </span>
  );
}
