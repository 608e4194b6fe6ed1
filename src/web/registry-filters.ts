// The registry's filters, all applied by the API (GET /persons query parameters): `q` finds people by
// name in any script or spelling and answers one ranked page.
import type { Category, CustodyStatus, NationalityGroup } from './api/types.ts';

export interface RegistryFilters {
  facilityId?: string;
  sectionId?: string;
  status?: CustodyStatus;
  category?: Category;
  nationalityGroup?: NationalityGroup;
  /** A name or registration number. */
  q?: string;
}

/** The filters sent to GET /persons. */
export const apiFilters = [
  'facilityId',
  'sectionId',
  'status',
  'category',
  'nationalityGroup',
  'q',
] as const satisfies readonly (keyof RegistryFilters)[];
