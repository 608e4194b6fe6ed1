// Commands on facilities: registration, sections, perimeter sectors, guard strength, alert posture.
import { refused, unprocessable } from '../../domain/errors.ts';
import * as facility from '../../domain/facility.ts';
import { defineCommand } from './command.ts';

export const registerFacility = defineCommand({
  summary: 'Register a facility (camp, prison, holding site or hospital)',
  input: facility.registerFacility,
  async run(ctx, input) {
    const taken = await ctx.writer.view.list('facilities', 'code', input.code);
    if (taken.length > 0) {
      throw refused(
        'facility.code-taken',
        'code',
        `Facility code ${input.code} is already used by ${taken[0]!.nameEn}`,
      );
    }
    const facilityId = ctx.newId();
    await ctx.writer.append('facility.registered', facilityId, { facilityId, ...input });
    return { facilityId };
  },
});

export const amendFacility = defineCommand({
  summary: "Change a facility's names, kind, location, border distance, capacity or authority",
  input: facility.amendFacility,
  async run(ctx, input) {
    await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    await ctx.writer.append('facility.amended', input.facilityId, input);
    return { facilityId: input.facilityId, changed: Object.keys(input.changes) };
  },
});

export const addSection = defineCommand({
  summary: 'Add a section (block, phase, annex) to a facility',
  input: facility.addSection,
  async run(ctx, input) {
    await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    const sections = await ctx.writer.view.list('sections', 'facilityId', input.facilityId);
    if (sections.some((s) => s.code === input.code)) {
      throw refused('section.code-taken', 'code', `The facility already has a section ${input.code}`);
    }
    const sectionId = ctx.newId();
    await ctx.writer.append('section.added', input.facilityId, { sectionId, ...input });
    return { sectionId };
  },
});

export const amendSection = defineCommand({
  summary: "Change a section's name, capacity or the categories it may hold",
  input: facility.amendSection,
  async run(ctx, input) {
    const section = await ctx.require('sections', input.sectionId, 'sectionId', 'section');
    await ctx.writer.append('section.amended', section.facilityId, {
      ...input,
      facilityId: section.facilityId,
    });
    return { sectionId: input.sectionId, changed: Object.keys(input.changes) };
  },
});

export const addPerimeterSector = defineCommand({
  summary: 'Add a perimeter sector or escape route to a facility',
  input: facility.addPerimeterSector,
  async run(ctx, input) {
    await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    const sectors = await ctx.writer.view.list('perimeterSectors', 'facilityId', input.facilityId);
    if (sectors.some((s) => s.code === input.code)) {
      throw refused(
        'perimeter-sector.code-taken',
        'code',
        `The facility already has a perimeter sector ${input.code}`,
      );
    }
    const sectorId = ctx.newId();
    await ctx.writer.append('perimeter-sector.added', input.facilityId, { sectorId, ...input });
    return { sectorId };
  },
});

export const changePerimeterSectorStatus = defineCommand({
  summary: 'Mark a perimeter sector open, closed or breached',
  input: facility.changePerimeterSectorStatus,
  async run(ctx, input) {
    const sector = await ctx.require('perimeterSectors', input.sectorId, 'sectorId', 'perimeter sector');
    if (sector.status === input.status) {
      throw refused(
        'perimeter-sector.unchanged',
        'status',
        `Sector ${sector.code} is already ${sector.status}`,
      );
    }
    await ctx.writer.append(
      'perimeter-sector.status-changed',
      sector.facilityId,
      { sectorId: sector.id, facilityId: sector.facilityId, status: input.status, reason: input.reason },
      ctx.occurredAt(input.occurredAt),
    );
    return { sectorId: sector.id, status: input.status };
  },
});

export const reportGuardStrength = defineCommand({
  summary: 'Report the guards on duty for a shift',
  input: facility.reportGuardStrength,
  async run(ctx, input) {
    await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    const reportId = ctx.newId();
    const { occurredAt, ...report } = input;
    await ctx.writer.append(
      'guard-strength.reported',
      input.facilityId,
      { reportId, ...report },
      ctx.occurredAt(occurredAt),
    );
    return { reportId };
  },
});

export const changeAlertPosture = defineCommand({
  summary: 'Set the alert posture of a facility (normal, heightened, critical)',
  input: facility.changeAlertPosture,
  async run(ctx, input) {
    const found = await ctx.require('facilities', input.facilityId, 'facilityId', 'facility');
    if (found.alertPosture === input.posture) {
      throw unprocessable(
        'alert-posture.unchanged',
        'posture',
        `${found.nameEn} is already at ${input.posture}`,
      );
    }
    await ctx.writer.append(
      'alert-posture.changed',
      input.facilityId,
      { facilityId: input.facilityId, posture: input.posture, reason: input.reason },
      ctx.occurredAt(input.occurredAt),
    );
    return { facilityId: input.facilityId, posture: input.posture };
  },
});
