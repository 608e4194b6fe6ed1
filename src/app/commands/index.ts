// Every command of Custodian, by name: the HTTP routes, the CLI's import and the demo all run these.
import * as cards from './cards.ts';
import * as cases from './cases.ts';
import * as custody from './custody.ts';
import * as facilities from './facilities.ts';
import * as headcounts from './headcounts.ts';
import * as incidents from './incidents.ts';
import * as persons from './persons.ts';

export const commands = {
  registerFacility: facilities.registerFacility,
  amendFacility: facilities.amendFacility,
  addSection: facilities.addSection,
  amendSection: facilities.amendSection,
  addPerimeterSector: facilities.addPerimeterSector,
  changePerimeterSectorStatus: facilities.changePerimeterSectorStatus,
  reportGuardStrength: facilities.reportGuardStrength,
  changeAlertPosture: facilities.changeAlertPosture,
  registerPerson: persons.registerPerson,
  correctIdentity: persons.correctIdentity,
  classifyPerson: persons.classifyPerson,
  mergePersons: persons.mergePersons,
  unmergePerson: persons.unmergePerson,
  decideDuplicate: persons.decideDuplicate,
  addFamilyLink: persons.addFamilyLink,
  formHousehold: persons.formHousehold,
  addSeparation: persons.addSeparation,
  liftSeparation: persons.liftSeparation,
  recordRegisterEntry: persons.recordRegisterEntry,
  recordProtectionNote: persons.recordProtectionNote,
  registerBirth: persons.registerBirth,
  recordCustody: custody.recordCustody,
  recordHouseholdCustody: custody.recordHouseholdCustody,
  dispatchNotifications: custody.dispatchNotifications,
  openHeadcount: headcounts.openHeadcount,
  recordMarks: headcounts.recordMarks,
  recordSectionCount: headcounts.recordSectionCount,
  closeHeadcount: headcounts.closeHeadcount,
  orderRecount: headcounts.orderRecount,
  resolveDiscrepancy: headcounts.resolveDiscrepancy,
  declareEscape: headcounts.declareEscape,
  issueCard: cards.issueCard,
  revokeCard: cards.revokeCard,
  recordIncident: incidents.recordIncident,
  addIncidentPeople: incidents.addIncidentPeople,
  linkIncidents: incidents.linkIncidents,
  changeIncidentStatus: incidents.changeIncidentStatus,
  recordClaim: incidents.recordClaim,
  assessClaim: incidents.assessClaim,
  recordExternalEvent: incidents.recordExternalEvent,
  reportWhereabouts: incidents.reportWhereabouts,
  requestHandover: incidents.requestHandover,
  decideHandoverRequest: incidents.decideHandoverRequest,
  openCase: cases.openCase,
  decideCase: cases.decideCase,
  completeCase: cases.completeCase,
  recordCaseEntry: cases.recordCaseEntry,
  openChildCase: cases.openChildCase,
  closeChildCase: cases.closeChildCase,
  approveChildSeparation: cases.approveChildSeparation,
  completeBirthRegistration: cases.completeBirthRegistration,
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandResult<N extends CommandName> = Awaited<ReturnType<Commands[N]['run']>>;

export const isCommandName = (name: string): name is CommandName => Object.hasOwn(commands, name);
