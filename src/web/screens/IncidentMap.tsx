// The map of facilities, incidents and external events, drawn as SVG over country outlines bundled with the
// app (Natural Earth 1:50m, from world-atlas): nothing is fetched from a tile server. Loaded lazily.
import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { Link } from 'wouter';
import { query } from '../api/client.ts';
import type { ExternalEvent, IncidentSummary, Page } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Loading } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { placeLabels } from '../map-labels.ts';

const WIDTH = 960;
const HEIGHT = 640;

type Countries = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

function useCountries() {
  const [topology, setTopology] = useState<Countries | undefined>();
  useEffect(() => {
    let current = true;
    void import('world-atlas/countries-50m.json', { with: { type: 'json' } }).then(
      (m) => current && setTopology(m.default as unknown as Countries),
    );
    return () => {
      current = false;
    };
  }, []);
  return topology;
}

export default function IncidentMap() {
  const { t, dateTime, facilityName } = useI18n();
  const directory = useDirectory();
  const topology = useCountries();
  const { data: incidents, error } = useResource<Page<IncidentSummary>>(`/incidents${query({ limit: 500 })}`);
  const { data: events } = useResource<Page<ExternalEvent>>(`/external-events${query({ limit: 500 })}`);

  const drawing = useMemo(() => {
    if (topology === undefined) return undefined;
    const points: [number, number][] = [
      ...directory.facilities.map((f) => [f.lon, f.lat] as [number, number]),
      ...(events?.items ?? []).map((e) => [e.lon, e.lat] as [number, number]),
    ];
    // Fit the facilities and events with a margin of about a degree; North-East Syria when there are none.
    const lons = points.length > 0 ? points.map((p) => p[0]) : [38, 42.5];
    const lats = points.length > 0 ? points.map((p) => p[1]) : [35, 37.5];
    const box = {
      type: 'MultiPoint' as const,
      coordinates: [
        [Math.min(...lons) - 1, Math.min(...lats) - 1],
        [Math.max(...lons) + 1, Math.max(...lats) + 1],
      ],
    };
    const projection = geoMercator().fitExtent(
      [
        [16, 16],
        [WIDTH - 16, HEIGHT - 16],
      ],
      box,
    );
    const path = geoPath(projection);
    const countries = feature(topology, topology.objects.countries);
    const borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
    return {
      at: (lon: number, lat: number) => projection([lon, lat]) ?? [0, 0],
      land: countries.features.map((c, i) => ({ key: String(c.id ?? i), d: path(c) ?? '' })),
      borders: path(borders) ?? '',
    };
  }, [topology, directory.facilities, events]);

  const facilities = useMemo(() => {
    if (drawing === undefined) return [];
    const marks = directory.facilities.map((f) => {
      const [x, y] = drawing.at(f.lon, f.lat);
      return { facility: f, x, y, text: f.code };
    });
    const labels = placeLabels(marks);
    return marks.map((m, i) => ({ ...m, label: labels[i]! }));
  }, [drawing, directory.facilities]);

  if (drawing === undefined || incidents === undefined) return <Loading error={error} />;
  return (
    <section className="map-screen">
      <header className="screen-head">
        <h1>{t('map.title')}</h1>
        <ul className="legend">
          <li className="legend-facility">{t('map.facilities')}</li>
          <li className="legend-incident">{t('map.incidents')}</li>
          <li className="legend-external">{t('map.externalEvents')}</li>
        </ul>
      </header>
      <svg className="map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('map.title')}>
        <rect className="sea" width={WIDTH} height={HEIGHT} />
        <g className="land">
          {drawing.land.map((c) => (
            <path key={c.key} d={c.d} />
          ))}
        </g>
        <path className="borders" d={drawing.borders} />
        <g className="external-events">
          {(events?.items ?? []).map((e) => {
            const [x, y] = drawing.at(e.lon, e.lat);
            return (
              <path
                key={e.id}
                d={`M${x},${y - 9}L${x + 8},${y + 6}L${x - 8},${y + 6}Z`}
                data-external-event={e.id}
              >
                <title>
                  {dateTime(e.occurredAt)} · {t(`answer.${e.kind}` as 'answer.shelling')} · {e.place}
                </title>
              </path>
            );
          })}
        </g>
        <g className="incidents">
          {incidents.items.map((i, n) => {
            // Incidents at a facility's own place are spread around it, so that each can be told apart.
            const [x, y] = drawing.at(i.point.lon, i.point.lat);
            const angle = n * 2.39996;
            const r = 8 + 2 * Math.sqrt(n % 60);
            return (
              <Link key={i.id} href={`/incidents/${i.id}`}>
                <circle cx={x + r * Math.cos(angle)} cy={y + r * Math.sin(angle)} r={4} data-incident={i.id}>
                  <title>
                    {t(`incidentType.${i.type}`)} · {i.facilityCode} · {dateTime(i.occurredAt)}
                  </title>
                </circle>
              </Link>
            );
          })}
        </g>
        <g className="facilities">
          {facilities.map(({ facility: f, x, y, label }) => (
            <Link key={f.id} href={`/facilities/${f.id}`}>
              <rect x={x - 6} y={y - 6} width={12} height={12} data-facility={f.code} />
              <text x={label.x} y={label.y} textAnchor={label.anchor}>
                {f.code}
              </text>
              <title>{facilityName(f)}</title>
            </Link>
          ))}
        </g>
      </svg>
    </section>
  );
}
