import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
// Bundled into the corridors page's own chunk (this module is imported by that page only): nothing is fetched from outside.
import world from 'world-atlas/countries-50m.json';
import { formatNumber } from '../i18n';
import { countryName, numericCode } from '../ui/countries';
import { corridorMap, type CountryShape, type MapCorridor } from './corridorGeometry';
import './messages';

const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name?: string }> }>;
let shapes: CountryShape[] | undefined;
/** The world's countries as GeoJSON, converted once (on first drawing). */
const countryShapes = (): CountryShape[] => (shapes ??= (feature(topology, topology.objects.countries) as unknown as { features: CountryShape[] }).features);

const COLORS = { sea: 'var(--mantine-color-blue-0)', land: 'var(--mantine-color-gray-2)', crossed: 'var(--mantine-color-gray-4)', border: 'var(--mantine-color-white)' };
const LINE = 'var(--mantine-color-red-8)';
const TEXT = 'var(--mantine-color-dark-7)';

/**
 * The ranked corridors on a map of the region they cross (d3-geo, Mercator fitted to those states): each
 * corridor a line through its states' centroids, wider for more seizures, its rank written on its last leg,
 * an arrow at its destination. A picture for the eye: the table next to it says the same in text (`describedBy`).
 */
export function CorridorMap({ corridors, describedBy }: { corridors: readonly MapCorridor[]; describedBy: string }) {
  const { t, i18n } = useTranslation('analyst');
  const titleId = useId();
  const arrowId = useId();
  const model = useMemo(() => corridorMap(countryShapes(), corridors, numericCode), [corridors]);
  const name = (code: string) => countryName(code, i18n.language);
  // Drawn from the lowest rank up, so that the first corridor is on top.
  const marks = [...model.corridors].reverse();
  return (
    <svg
      viewBox={`0 0 ${model.width} ${model.height}`}
      width="100%"
      role="img"
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      data-testid="corridor-map"
      style={{ maxWidth: model.width, display: 'block', fontFamily: 'inherit' }}
    >
      <title id={titleId}>{t('corridors.mapTitle', { count: corridors.length })}</title>
      <defs>
        <marker id={arrowId} viewBox="0 0 10 10" refX="6" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto">
          <path d="M0,0L10,5L0,10z" fill={LINE} />
        </marker>
      </defs>
      <rect width={model.width} height={model.height} fill={COLORS.sea} />
      <g data-layer="countries">
        {model.countries.map((c) => (
          <path key={c.id} d={c.d} className="country" data-country={c.alpha2 ?? c.id} fill={c.crossed ? COLORS.crossed : COLORS.land} stroke={COLORS.border} strokeWidth={0.8} />
        ))}
      </g>
      <g data-layer="corridors" fill="none" stroke={LINE} strokeLinecap="round" strokeLinejoin="round">
        {marks.map((m) =>
          m.dot ? (
            <circle key={m.id} className="corridor" data-corridor={m.id} data-rank={m.rank} cx={m.dot[0]} cy={m.dot[1]} r={m.weight} fill={LINE} fillOpacity={0.6} />
          ) : (
            <path
              key={m.id}
              className="corridor"
              data-corridor={m.id}
              data-rank={m.rank}
              d={m.d}
              strokeWidth={m.weight}
              strokeOpacity={m.rank === 1 ? 0.9 : 0.6}
              markerEnd={`url(#${arrowId})`}
            />
          ),
        )}
      </g>
      <g data-layer="labels" fontSize={12} fill={TEXT} textAnchor="middle">
        {model.labels.map((l) => (
          <text
            key={`${l.alpha2}${l.offMap ? '-off' : ''}`}
            x={l.at[0]}
            y={l.at[1]}
            textAnchor={l.anchor}
            fontStyle={l.offMap ? 'italic' : undefined}
            stroke="white"
            strokeWidth={3}
            paintOrder="stroke"
          >
            {l.offMap ? t('corridors.fromOffMap', { country: name(l.alpha2) }) : name(l.alpha2)}
          </text>
        ))}
      </g>
      <g data-layer="ranks" fontSize={11} fontWeight={700} textAnchor="middle">
        {marks.map((m) => (
          <g key={m.id} transform={`translate(${Math.round(m.label[0])},${Math.round(m.label[1])})`}>
            <circle r={9} fill="white" stroke={LINE} strokeWidth={1.5} />
            <text y={4} fill={TEXT}>
              {formatNumber(m.rank, i18n.language)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
