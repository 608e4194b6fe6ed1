// The roll board of a facility, as a duty officer reads it at a glance: population at unlock, in and
// out now, today's arrivals and departures, each section's capacity, occupancy and the time since its
// last complete count (marked when older than 8 hours), open counts and discrepancies. Read again
// every 30 seconds; the figures are the API's (GET /facilities/:id/roll-board).
import { useEffect } from 'react';
import { Link, useParams } from 'wouter';
import { query } from '../api/client.ts';
import type { RollBoard as Board, Discrepancy } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Loading } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { CountCard } from './Counts.tsx';

const REFRESH_MS = 30_000;
/** A section not completely counted for longer than this is marked on the board. */
export const STALE_MS = 8 * 3_600_000;

/** Whole hours and minutes between two instants, e.g. `3 h 05`. */
export function since(from: string, to: string): { hours: number; minutes: number } {
  const total = Math.max(0, Math.floor((Date.parse(to) - Date.parse(from)) / 60_000));
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

function Figure({
  name,
  value,
  label,
  alert,
}: {
  name: string;
  value: number;
  label: string;
  alert?: boolean;
}) {
  const { count } = useI18n();
  return (
    <div className={alert ? 'figure alert' : 'figure'}>
      <span className="figure-value" data-figure={name} data-value={String(value)}>
        {count(value)}
      </span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

export function RollBoard() {
  const { t, dateTime, facilityName } = useI18n();
  const directory = useDirectory();
  const { facilityId } = useParams<{ facilityId: string }>();
  const board = useResource<Board>(`/facilities/${facilityId}/roll-board`);
  const discrepancies = useResource<{ items: Discrepancy[] }>(
    `/facilities/${facilityId}/discrepancies${query({ status: 'open' })}`,
  );
  const reloadBoard = board.reload;
  const reloadDiscrepancies = discrepancies.reload;
  useEffect(() => {
    const timer = setInterval(() => {
      reloadBoard();
      reloadDiscrepancies();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reloadBoard, reloadDiscrepancies]);

  const b = board.data;
  if (b === undefined) return <Loading error={board.error} />;
  const facility = directory.facility(facilityId);
  // The sections, and the people with no section when there are any or they were counted.
  const rows = [
    ...b.sections.map((s) => ({ ...s, key: s.code, label: `${s.code} · ${s.name}` })),
    ...(b.unassigned.count > 0 || b.unassigned.lastCompleteCountAt
      ? [
          {
            key: 'unassigned',
            label: t('facility.unassigned'),
            capacity: null,
            occupied: b.unassigned.count,
            vacancies: null,
            lastCompleteCountAt: b.unassigned.lastCompleteCountAt,
          },
        ]
      : []),
  ];
  // Open discrepancies by the count they came from.
  const byCount = new Map<string, Discrepancy[]>();
  for (const d of discrepancies.data?.items ?? [])
    byCount.set(d.headcountId, [...(byCount.get(d.headcountId) ?? []), d]);
  return (
    <section className="roll-board">
      <header className="screen-head">
        <p className="regno">{facility?.code}</p>
        <h1>
          {t('rollBoard.title')}
          {facility && ` · ${facilityName(facility)}`}
        </h1>
        <p className="muted">{t('rollBoard.asOf', { at: dateTime(b.asOf) })}</p>
        <p>
          <Link href={`/counts?${new URLSearchParams({ facility: facilityId })}`}>
            {t('headcount.title')}
          </Link>
        </p>
      </header>
      <div className="figures">
        <Figure
          name="unlock"
          value={b.unlock.population}
          label={t('rollBoard.unlock', { at: dateTime(b.unlock.at) })}
        />
        <Figure name="inNow" value={b.inNow} label={t('rollBoard.inNow')} />
        <Figure name="out.hospital" value={b.out.hospital} label={t('rollBoard.hospital')} />
        <Figure name="out.inTransit" value={b.out.inTransit} label={t('rollBoard.inTransit')} />
        {b.out.court !== undefined && (
          <Figure name="out.court" value={b.out.court} label={t('rollBoard.court')} />
        )}
        <Figure name="arrivedToday" value={b.arrivedToday} label={t('rollBoard.arrivedToday')} />
        <Figure name="leftToday" value={b.leftToday} label={t('rollBoard.leftToday')} />
        <Figure name="stillToArrive" value={b.stillToArrive} label={t('rollBoard.stillToArrive')} />
        <Figure
          name="unassigned"
          value={b.unassigned.count}
          label={t('facility.unassigned')}
          alert={b.unassigned.count > 0}
        />
        <Figure
          name="openDiscrepancies"
          value={b.openDiscrepancies}
          label={t('rollBoard.openDiscrepancies')}
          alert={b.openDiscrepancies > 0}
        />
      </div>
      <div className="panels">
        <article className="panel wide">
          <h2>{t('rollBoard.sections')}</h2>
          <div className="table-scroll">
            <table className="board">
              <thead>
                <tr>
                  <th>{t('common.section')}</th>
                  <th>{t('facility.capacity')}</th>
                  <th>{t('rollBoard.occupied')}</th>
                  <th>{t('rollBoard.vacancies')}</th>
                  <th>{t('rollBoard.lastCount')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => {
                  const age = s.lastCompleteCountAt ? since(s.lastCompleteCountAt, b.asOf) : null;
                  const stale =
                    s.lastCompleteCountAt === null ||
                    Date.parse(b.asOf) - Date.parse(s.lastCompleteCountAt) > STALE_MS;
                  const over = s.capacity !== null && s.occupied > s.capacity;
                  return (
                    <tr key={s.key} data-section={s.key} className={stale ? 'stale' : undefined}>
                      <th scope="row">{s.label}</th>
                      <td>{s.capacity ?? '—'}</td>
                      <td className={over ? 'over' : undefined}>{s.occupied}</td>
                      <td>{s.vacancies ?? '—'}</td>
                      <td data-stale={String(stale)}>
                        {age === null ? (
                          t('rollBoard.neverCounted')
                        ) : (
                          <time
                            dateTime={s.lastCompleteCountAt ?? undefined}
                            title={dateTime(s.lastCompleteCountAt ?? '')}
                          >
                            {t('rollBoard.ago', {
                              hours: age.hours,
                              minutes: String(age.minutes).padStart(2, '0'),
                            })}
                          </time>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </article>
        <article className="panel">
          <h2>{t('headcount.openCounts')}</h2>
          {b.openHeadcounts.length === 0 ? (
            <p className="muted">{t('headcount.noneOpen')}</p>
          ) : (
            <ul className="cards">
              {b.openHeadcounts.map((c) => (
                <li key={c.headcountId}>
                  <CountCard count={c} />
                </li>
              ))}
            </ul>
          )}
        </article>
        <article className="panel">
          <h2>{t('rollBoard.openDiscrepancies')}</h2>
          {discrepancies.data === undefined ? (
            <Loading error={discrepancies.error} />
          ) : byCount.size === 0 ? (
            <p className="muted">{t('discrepancy.none')}</p>
          ) : (
            <ul className="history">
              {[...byCount].map(([headcountId, items]) => (
                <li key={headcountId}>
                  <Link href={`/headcounts/${headcountId}/discrepancies`}>
                    {t('rollBoard.discrepanciesOfCount', { n: items.length })}
                  </Link>
                  : {items.map((d) => d.displayName ?? t(`discrepancy.kind.${d.kind}`)).join(', ')}
                </li>
              ))}
            </ul>
          )}
        </article>
      </div>
    </section>
  );
}
