// Facilities, their sections, perimeter sectors, guard strength and alert posture (SPEC 1).
import { z } from 'zod';
import { id, instant, reason, text } from './common.ts';

export const facilityKinds = ['camp', 'prison', 'holding', 'hospital'] as const;
export const personCategories = ['man', 'woman', 'boy', 'girl'] as const;
export type PersonCategory = (typeof personCategories)[number];
export const sectorStatuses = ['open', 'closed', 'breached'] as const;
export type SectorStatus = (typeof sectorStatuses)[number];
export const alertPostures = ['normal', 'heightened', 'critical'] as const;
export const shifts = ['morning', 'afternoon', 'night'] as const;

const code = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be three capital letters, e.g. HOL; it prefixes registration numbers');

export const registerFacility = z.strictObject({
  code,
  nameEn: text(200),
  nameAr: text(200),
  kind: z.enum(facilityKinds),
  location: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }),
  borderDistanceKm: z.number().min(0).max(5000).nullable().default(null),
  capacity: z.number().int().min(0),
  authority: text(200),
});

/** Facility fields that may change after registration; the code stays, it prefixes registration numbers. */
export const amendFacility = z.strictObject({
  facilityId: id,
  changes: registerFacility
    .omit({ code: true })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'name at least one field to change'),
  reason,
});

export const addSection = z.strictObject({
  facilityId: id,
  code: z.string().regex(/^[A-Z0-9-]{1,12}$/, 'must be 1-12 capital letters, digits or hyphens'),
  name: text(200),
  capacity: z.number().int().min(0),
  categories: z
    .array(z.enum(personCategories))
    .min(1, 'name at least one category the section may hold')
    .refine((c) => new Set(c).size === c.length, 'categories repeat'),
});

export const amendSection = z.strictObject({
  sectionId: id,
  changes: addSection
    .pick({ name: true, capacity: true, categories: true })
    .partial()
    .refine((c) => Object.keys(c).length > 0, 'name at least one field to change'),
  reason,
});

export const addPerimeterSector = z.strictObject({
  facilityId: id,
  code: z.string().regex(/^[A-Z0-9-]{1,12}$/, 'must be 1-12 capital letters, digits or hyphens'),
  name: text(200),
  status: z.enum(sectorStatuses).default('closed'),
});

export const changePerimeterSectorStatus = z.strictObject({
  sectorId: id,
  status: z.enum(sectorStatuses),
  reason,
  occurredAt: instant.optional(),
});

export const reportGuardStrength = z.strictObject({
  facilityId: id,
  shift: z.enum(shifts),
  guardsOnDuty: z.number().int().min(0).max(10000),
  guardsRequired: z.number().int().min(0).max(10000).nullable().default(null),
  occurredAt: instant.optional(),
});

export const changeAlertPosture = z.strictObject({
  facilityId: id,
  posture: z.enum(alertPostures),
  reason,
  occurredAt: instant.optional(),
});
