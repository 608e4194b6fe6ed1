// Every read-only query, by name.
import type { z } from 'zod';
import * as accounts from './accounts.ts';
import * as cards from './cards.ts';
import * as cases from './cases.ts';
import * as duplicates from './duplicates.ts';
import * as facilities from './facilities.ts';
import * as headcounts from './headcounts.ts';
import * as incidents from './incidents.ts';
import * as ledger from './ledger.ts';
import * as persons from './persons.ts';
import * as reports from './reports.ts';

export const queries = {
  listFacilities: facilities.listFacilities,
  getFacility: facilities.getFacility,
  facilityHistory: facilities.facilityHistory,
  listPersons: persons.listPersons,
  getPerson: persons.getPerson,
  custodyHistory: persons.custodyHistory,
  overdueTransfers: persons.overdueTransfers,
  listNotifications: persons.listNotifications,
  scanCard: cards.scanCard,
  listDuplicates: duplicates.listDuplicates,
  situation: reports.situation,
  ledgerEvents: ledger.ledgerEvents,
  ledgerHead: ledger.ledgerHead,
  auditLog: accounts.auditLog,
  listUsers: accounts.listUsers,
  getHeadcount: headcounts.getHeadcount,
  listHeadcounts: headcounts.listHeadcounts,
  headcountRoster: headcounts.headcountRoster,
  listDiscrepancies: headcounts.listDiscrepancies,
  rollBoard: headcounts.rollBoard,
  listIncidents: incidents.listIncidents,
  getIncident: incidents.getIncident,
  listExternalEvents: incidents.listExternalEvents,
  listAtLarge: incidents.listAtLarge,
  listCases: cases.listCases,
  getCase: cases.getCase,
  countryFigures: cases.countryFigures,
  childAlerts: cases.childAlerts,
  listChildCases: cases.listChildCases,
  listBirthRegistrations: cases.listBirthRegistrations,
};

export type Queries = typeof queries;
export type QueryName = keyof Queries;
export type QueryInput<N extends QueryName> = z.output<Queries[N]['input']>;
export type QueryResult<N extends QueryName> = Awaited<ReturnType<Queries[N]['run']>>;
