// What may be done to an incident and to people at large after they are recorded: name people, link
// incidents, change the status, record a claim from a graded source and assess one as most likely; report
// whereabouts, request a handover or extradition and record the answer. Each is offered only to the roles
// the server's policy allows (../policy.ts); the server decides.
import { createContext, type ReactNode, useContext, useId, useState } from 'react';
import { type ApiError, api, query } from '../api/client.ts';
import {
  type AtLargePerson,
  type Claim,
  claimMeasures,
  credibilityGrades,
  handoverRequestKinds,
  handoverRequestStatuses,
  type IncidentDetail,
  type IncidentSummary,
  incidentStatuses,
  linkRelations,
  type Page,
  type Person,
  precisions,
  reliabilityGrades,
  rolesByType,
  sourceKinds,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Field, FormError, useSettled, useSubmit } from '../components/form.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import {
  addsIncidentPeople,
  assessesClaims,
  changesIncidentStatus,
  decidesHandoverRequests,
  linksIncidents,
  recordsClaims,
  reportsWhereabouts,
  requestsHandovers,
} from '../policy.ts';
import { useUser } from '../session.tsx';

/** A datetime-local value (UTC, as the forms say) as the API's instant; nothing when it is empty. */
const instant = (value: string) => (value ? new Date(`${value}Z`).toISOString() : undefined);

/** Buttons that open one form at a time, each form closing when it is saved or cancelled. */
function ActionBar({
  actions,
}: {
  actions: { key: string; label: string; form: (close: () => void) => ReactNode }[];
}) {
  const [open, setOpen] = useState<string | null>(null);
  if (actions.length === 0) return null;
  const current = actions.find((a) => a.key === open);
  return (
    <div className="action-bar">
      <div className="actions wrap">
        {actions.map((a) => (
          <button
            key={a.key}
            type="button"
            className={a.key === open ? 'primary' : undefined}
            aria-expanded={a.key === open}
            data-action={a.key}
            onClick={() => setOpen(a.key === open ? null : a.key)}
          >
            {a.label}
          </button>
        ))}
      </div>
      {current && <div className="action-form">{current.form(() => setOpen(null))}</div>}
    </div>
  );
}

/** A small form posting one command, with its field errors, a Record and a Cancel button. */
function ActionForm({
  name,
  post,
  fields,
  close,
  done,
  children,
}: {
  name: string;
  post: () => Promise<unknown>;
  /** The request's fields this form shows errors beside. */
  fields: readonly string[];
  close: () => void;
  done: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { error, busy, submit } = useSubmit(async () => {
    await post();
    close();
    done();
  });
  return (
    <form className="form action" data-form={name} onSubmit={submit}>
      <ErrorContext.Provider value={error}>{children}</ErrorContext.Provider>
      <FormError error={error} fields={fields} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('form.record')}
        </button>
        <button type="button" onClick={close}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The refusal of the form around a field, shown beside the field it names. */
const ErrorContext = createContext<ApiError | undefined>(undefined);

/** A Field of an ActionForm: its error comes from the form. */
function F({ label, name, children }: { label: string; name: string; children: ReactNode }) {
  return (
    <Field label={label} name={name} error={useContext(ErrorContext)}>
      {children}
    </Field>
  );
}

function Choice<T extends string | number>({
  name,
  value,
  options,
  label,
  onChange,
}: {
  name: string;
  value: T;
  options: readonly T[];
  label: (option: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <select
      name={name}
      value={String(value)}
      onChange={(e) => onChange(options.find((o) => String(o) === e.target.value) as T)}
    >
      {options.map((o) => (
        <option key={String(o)} value={String(o)}>
          {label(o)}
        </option>
      ))}
    </select>
  );
}

// --- A graded source -----------------------------------------------------------------------------

interface SourceInput {
  kind: (typeof sourceKinds)[number];
  name: string;
  reference: string;
  reliability: (typeof reliabilityGrades)[number];
  credibility: (typeof credibilityGrades)[number];
}
const newSource = (): SourceInput => ({
  kind: 'official',
  name: '',
  reference: '',
  reliability: 'F',
  credibility: 6,
});
const sourceBody = (s: SourceInput) => ({
  kind: s.kind,
  name: s.name,
  ...(s.reference ? { reference: s.reference } : {}),
  reliability: s.reliability,
  credibility: s.credibility,
});

/** Who said it (kind, name, reference) and its Admiralty grades. */
function SourceInputs({ value, onChange }: { value: SourceInput; onChange: (s: SourceInput) => void }) {
  const { t } = useI18n();
  const set = <K extends keyof SourceInput>(key: K, v: SourceInput[K]) => onChange({ ...value, [key]: v });
  return (
    <fieldset className="source">
      <legend>{t('source.title')}</legend>
      <F label={t('source.kind')} name="source.kind">
        <Choice
          name="sourceKind"
          value={value.kind}
          options={sourceKinds}
          label={(k) => t(`sourceKind.${k}`)}
          onChange={(v) => set('kind', v)}
        />
      </F>
      <F label={t('source.name')} name="source.name">
        <input name="sourceName" value={value.name} onChange={(e) => set('name', e.target.value)} />
      </F>
      <F label={`${t('source.reference')} ${t('form.optional')}`} name="source.reference">
        <input
          name="sourceReference"
          value={value.reference}
          onChange={(e) => set('reference', e.target.value)}
        />
      </F>
      <F label={t('source.reliability')} name="source.reliability">
        <Choice
          name="reliability"
          value={value.reliability}
          options={reliabilityGrades}
          label={(g) => t(`reliability.${g}`)}
          onChange={(v) => set('reliability', v)}
        />
      </F>
      <F label={t('source.credibility')} name="source.credibility">
        <Choice
          name="credibility"
          value={value.credibility}
          options={credibilityGrades}
          label={(g) => t(`credibility.${g}`)}
          onChange={(v) => set('credibility', v)}
        />
      </F>
    </fieldset>
  );
}

// --- The incident page ---------------------------------------------------------------------------

/** The actions the user's role may take on one incident. */
export function IncidentActions({ incident, reload }: { incident: IncidentDetail; reload: () => void }) {
  const { t } = useI18n();
  const { role } = useUser();
  const roles = rolesByType[incident.type];
  const actions = [
    addsIncidentPeople(role) &&
      roles.length > 0 && {
        key: 'people',
        label: t('incident.addPeople'),
        form: (close: () => void) => <AddPeople incident={incident} close={close} done={reload} />,
      },
    linksIncidents(role) && {
      key: 'link',
      label: t('incident.link'),
      form: (close: () => void) => <LinkIncident incident={incident} close={close} done={reload} />,
    },
    changesIncidentStatus(role) && {
      key: 'status',
      label: t('incident.changeStatus'),
      form: (close: () => void) => <ChangeStatus incident={incident} close={close} done={reload} />,
    },
    recordsClaims(role) && {
      key: 'claim',
      label: t('incident.recordClaim'),
      form: (close: () => void) => <RecordClaim incident={incident} close={close} done={reload} />,
    },
  ].filter((a) => a !== false);
  return <ActionBar actions={actions} />;
}

interface FormProps {
  close: () => void;
  done: () => void;
}

function AddPeople({ incident, close, done }: FormProps & { incident: IncidentDetail }) {
  const { t } = useI18n();
  const roles = rolesByType[incident.type];
  const [q, setQ] = useState('');
  const [person, setPerson] = useState<Person | null>(null);
  const [role, setRole] = useState(roles[0]!);
  const [authority, setAuthority] = useState('');
  const search = useSettled(q.trim());
  const { data: found } = useResource<Page<Person>>(
    search.length >= 2 ? `/persons${query({ q: search, limit: 10 })}` : null,
  );
  return (
    <ActionForm
      name="people"
      fields={['people', 'authority']}
      close={close}
      done={done}
      post={() =>
        api.post(`/incidents/${incident.id}/people`, {
          people: person ? [{ personId: person.id, role }] : [],
          ...(authority ? { authority } : {}),
        })
      }
    >
      <F label={t('incident.searchPerson')} name="people">
        <input name="q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </F>
      {person ? (
        <p className="chosen" data-person={person.id}>
          {t('incident.chosen', { name: `${person.displayName} · ${person.registrationNumber}` })}{' '}
          <button type="button" className="link" onClick={() => setPerson(null)}>
            {t('incident.changePerson')}
          </button>
        </p>
      ) : (
        search.length >= 2 &&
        found && (
          <ul className="matches">
            {found.items.length === 0 && <li className="empty">{t('incident.noMatch')}</li>}
            {found.items.map((p) => (
              <li key={p.id}>
                <button type="button" data-person={p.id} onClick={() => setPerson(p)}>
                  {p.displayName} · {p.registrationNumber} · {t(`status.${p.custody.status}`)}
                </button>
              </li>
            ))}
          </ul>
        )
      )}
      <F label={t('incident.role')} name="people.0.role">
        <Choice
          name="role"
          value={role}
          options={roles}
          label={(r) => t(`incidentRole.${r}`)}
          onChange={setRole}
        />
      </F>
      {incident.type === 'escape' && (
        <F label={`${t('incident.escapeAuthority')} ${t('form.optional')}`} name="authority">
          <input name="authority" value={authority} onChange={(e) => setAuthority(e.target.value)} />
        </F>
      )}
    </ActionForm>
  );
}

function LinkIncident({ incident, close, done }: FormProps & { incident: IncidentDetail }) {
  const { t, dateTime } = useI18n();
  const { data } = useResource<Page<IncidentSummary>>(
    `/incidents${query({ facilityId: incident.facilityId, limit: 200 })}`,
  );
  const others = (data?.items ?? []).filter(
    (i) => i.id !== incident.id && !incident.links.some((l) => l.id === i.id),
  );
  const [linked, setLinked] = useState('');
  const [relation, setRelation] = useState<(typeof linkRelations)[number]>('related');
  return (
    <ActionForm
      name="link"
      fields={['linkedIncidentId', 'relation']}
      close={close}
      done={done}
      post={() => api.post(`/incidents/${incident.id}/links`, { linkedIncidentId: linked, relation })}
    >
      <F label={t('incident.linkTo')} name="linkedIncidentId">
        <select name="linkedIncidentId" value={linked} onChange={(e) => setLinked(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {others.map((i) => (
            <option key={i.id} value={i.id}>
              {t(`incidentType.${i.type}`)} · {dateTime(i.occurredAt)} · {i.summary.slice(0, 60)}
            </option>
          ))}
        </select>
      </F>
      <F label={t('incident.relation')} name="relation">
        <Choice
          name="relation"
          value={relation}
          options={linkRelations}
          label={(r) => t(`relation.${r}`)}
          onChange={setRelation}
        />
      </F>
    </ActionForm>
  );
}

/** A new status chosen among `options`, with its reason: an incident's status, a request's answer. */
function StatusWithReason<S extends string>({
  name,
  path,
  label,
  options,
  optionLabel,
  close,
  done,
}: FormProps & {
  /** The form's name (its `data-form`). */
  name: string;
  path: string;
  label: string;
  options: readonly S[];
  optionLabel: (status: S) => string;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState(options[0]!);
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      name={name}
      fields={['status', 'reason']}
      close={close}
      done={done}
      post={() => api.post(path, { status, reason })}
    >
      <F label={label} name="status">
        <Choice name="status" value={status} options={options} label={optionLabel} onChange={setStatus} />
      </F>
      <F label={t('form.reason')} name="reason">
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </F>
    </ActionForm>
  );
}

function ChangeStatus({ incident, close, done }: FormProps & { incident: IncidentDetail }) {
  const { t } = useI18n();
  return (
    <StatusWithReason
      name="status"
      path={`/incidents/${incident.id}/status`}
      label={t('incident.newStatus')}
      options={incidentStatuses.filter((s) => s !== incident.status)}
      optionLabel={(s) => t(`incidentStatus.${s}`)}
      close={close}
      done={done}
    />
  );
}

function RecordClaim({ incident, close, done }: FormProps & { incident: IncidentDetail }) {
  const { t } = useI18n();
  const questions = [...new Set(incident.claims.map((c) => c.question).filter((q) => q !== null))];
  const [kind, setKind] = useState<'count' | 'statement'>('count');
  const [measure, setMeasure] = useState<(typeof claimMeasures)[number]>('escaped');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [question, setQuestion] = useState('');
  const [statement, setStatement] = useState('');
  const [reportedAt, setReportedAt] = useState('');
  const [source, setSource] = useState(newSource);
  const count = (v: string) => (v === '' ? undefined : Number(v));
  const questionList = useId();
  return (
    <ActionForm
      name="claim"
      fields={['kind', 'measure', 'count', 'question', 'statement', 'source', 'reportedAt']}
      close={close}
      done={done}
      post={() =>
        api.post(`/incidents/${incident.id}/claims`, {
          kind,
          ...(kind === 'count'
            ? { measure, count: { min: count(min), max: count(max === '' ? min : max) } }
            : { question, statement }),
          source: sourceBody(source),
          ...(reportedAt ? { reportedAt: instant(reportedAt) } : {}),
        })
      }
    >
      <F label={t('claim.kind')} name="kind">
        <Choice
          name="kind"
          value={kind}
          options={['count', 'statement'] as const}
          label={(k) => t(`claim.kind.${k}`)}
          onChange={setKind}
        />
      </F>
      {kind === 'count' ? (
        <>
          <F label={t('claim.measure')} name="measure">
            <Choice
              name="measure"
              value={measure}
              options={claimMeasures}
              label={(m) => t(`measure.${m}`)}
              onChange={setMeasure}
            />
          </F>
          <div className="range">
            <F label={t('claim.min')} name="count.min">
              <input
                name="countMin"
                type="number"
                inputMode="numeric"
                min={0}
                value={min}
                onChange={(e) => setMin(e.target.value)}
              />
            </F>
            <F label={`${t('claim.max')} ${t('form.optional')}`} name="count.max">
              <input
                name="countMax"
                type="number"
                inputMode="numeric"
                min={0}
                value={max}
                onChange={(e) => setMax(e.target.value)}
              />
            </F>
          </div>
        </>
      ) : (
        <>
          <F label={t('claim.question')} name="question">
            <input
              name="question"
              list={questionList}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
            />
            <datalist id={questionList}>
              {questions.map((q) => (
                <option key={q} value={q} />
              ))}
            </datalist>
          </F>
          <F label={t('claim.statement')} name="statement">
            <textarea
              name="statement"
              rows={2}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
            />
          </F>
        </>
      )}
      <SourceInputs value={source} onChange={setSource} />
      <F label={`${t('claim.reportedAt')} ${t('form.optional')}`} name="reportedAt">
        <input
          name="reportedAt"
          type="datetime-local"
          value={reportedAt}
          onChange={(e) => setReportedAt(e.target.value)}
        />
      </F>
    </ActionForm>
  );
}

/** A security analyst's assessment of one claim as the most likely, with the reason. */
export function AssessClaim({ claim, reload }: { claim: Claim; reload: () => void }) {
  const { t } = useI18n();
  const { role } = useUser();
  const [reason, setReason] = useState('');
  if (!assessesClaims(role) || claim.assessment === 'most-likely') return null;
  return (
    <ActionBar
      actions={[
        {
          key: `assess-${claim.id}`,
          label: t('claim.assess'),
          form: (close) => (
            <ActionForm
              name="assess"
              fields={['reason', 'claimId']}
              close={close}
              done={reload}
              post={() => api.post(`/claims/${claim.id}/assessments`, { reason })}
            >
              <F label={t('claim.assessReason')} name="reason">
                <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
              </F>
            </ActionForm>
          ),
        },
      ]}
    />
  );
}

// --- People at large -----------------------------------------------------------------------------

/** The actions the user's role may take for one person at large. */
export function AtLargeActions({ person, reload }: { person: AtLargePerson; reload: () => void }) {
  const { t } = useI18n();
  const { role } = useUser();
  const actions = [
    reportsWhereabouts(role) && {
      key: 'whereabouts',
      label: t('atLarge.reportWhereabouts'),
      form: (close: () => void) => <ReportWhereabouts person={person} close={close} done={reload} />,
    },
    requestsHandovers(role) && {
      key: 'request',
      label: t('atLarge.requestHandover'),
      form: (close: () => void) => <RequestHandover person={person} close={close} done={reload} />,
    },
  ].filter((a) => a !== false);
  return <ActionBar actions={actions} />;
}

function ReportWhereabouts({ person, close, done }: FormProps & { person: AtLargePerson }) {
  const { t } = useI18n();
  const [seenAt, setSeenAt] = useState('');
  const [precision, setPrecision] = useState<(typeof precisions)[number]>('day');
  const [place, setPlace] = useState('');
  const [claim, setClaim] = useState('');
  const [source, setSource] = useState(newSource);
  return (
    <ActionForm
      name="whereabouts"
      fields={['seenAt', 'precision', 'place', 'claim', 'source']}
      close={close}
      done={done}
      post={() =>
        api.post(`/persons/${person.personId}/whereabouts`, {
          seenAt: instant(seenAt),
          precision,
          place,
          claim,
          source: sourceBody(source),
        })
      }
    >
      <F label={t('atLarge.seenAt')} name="seenAt">
        <input
          name="seenAt"
          type="datetime-local"
          value={seenAt}
          onChange={(e) => setSeenAt(e.target.value)}
        />
      </F>
      <F label={t('atLarge.precision')} name="precision">
        <Choice
          name="precision"
          value={precision}
          options={precisions}
          label={(p) => t(`precision.${p}` as MessageKey)}
          onChange={setPrecision}
        />
      </F>
      <F label={t('atLarge.place')} name="place">
        <input name="place" value={place} onChange={(e) => setPlace(e.target.value)} />
      </F>
      <F label={t('atLarge.claim')} name="claim">
        <textarea name="claim" rows={2} value={claim} onChange={(e) => setClaim(e.target.value)} />
      </F>
      <SourceInputs value={source} onChange={setSource} />
    </ActionForm>
  );
}

function RequestHandover({ person, close, done }: FormProps & { person: AtLargePerson }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<(typeof handoverRequestKinds)[number]>('handover');
  const [authority, setAuthority] = useState('');
  const [country, setCountry] = useState('');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  return (
    <ActionForm
      name="request"
      fields={['kind', 'authority', 'country', 'reference', 'reason']}
      close={close}
      done={done}
      post={() =>
        api.post(`/persons/${person.personId}/handover-requests`, {
          kind,
          authority,
          ...(country ? { country: country.toUpperCase() } : {}),
          ...(reference ? { reference } : {}),
          reason,
        })
      }
    >
      <F label={t('atLarge.requestKind')} name="kind">
        <Choice
          name="kind"
          value={kind}
          options={handoverRequestKinds}
          label={(k) => t(`requestKind.${k}`)}
          onChange={setKind}
        />
      </F>
      <F label={t('atLarge.authority')} name="authority">
        <input name="authority" value={authority} onChange={(e) => setAuthority(e.target.value)} />
      </F>
      <F label={t('form.countryOptional')} name="country">
        <input name="country" maxLength={3} value={country} onChange={(e) => setCountry(e.target.value)} />
      </F>
      <F label={`${t('atLarge.reference')} ${t('form.optional')}`} name="reference">
        <input name="reference" value={reference} onChange={(e) => setReference(e.target.value)} />
      </F>
      <F label={t('form.reason')} name="reason">
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      </F>
    </ActionForm>
  );
}

/** The answer to a handover or extradition request still open (requested or accepted). */
export function DecideRequest({
  request,
  reload,
}: {
  request: AtLargePerson['handoverRequests'][number];
  reload: () => void;
}) {
  const { t } = useI18n();
  const { role } = useUser();
  if (!decidesHandoverRequests(role) || !['requested', 'accepted'].includes(request.status)) return null;
  return (
    <ActionBar
      actions={[
        {
          key: `decide-${request.id}`,
          label: t('atLarge.decide'),
          form: (close) => (
            <StatusWithReason
              name="decision"
              path={`/handover-requests/${request.id}/decisions`}
              label={t('atLarge.decision')}
              options={handoverRequestStatuses.filter((s) => s !== 'requested' && s !== request.status)}
              optionLabel={(s) => t(`requestStatus.${s}`)}
              close={close}
              done={reload}
            />
          ),
        },
      ]}
    />
  );
}
