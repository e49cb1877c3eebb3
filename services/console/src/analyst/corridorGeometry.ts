import { geoArea, geoCentroid, geoDistance, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/**
 * The corridor map's drawing, computed from country shapes (world-atlas, ISO 3166-1 numeric ids) and the ranked
 * corridors: which countries to show, where, and the corridors as lines between the countries' centroids.
 * No React, no data loading: CorridorMap draws what this returns.
 */

export type CountryShape = Feature<Polygon | MultiPolygon, { name?: string }>;
type Point = [number, number];

export interface MapCorridor {
  id: string;
  /** 1 for the corridor with the most seizures. */
  rank: number;
  legs: readonly string[];
  seizures: number;
}

export interface CorridorMark {
  id: string;
  rank: number;
  legs: readonly string[];
  seizures: number;
  /** Stroke width (or the dot's radius, for a corridor of one state). */
  weight: number;
  /** SVG path through the projected centroids; empty for a corridor of one state. */
  d: string;
  /** Where the rank is written: the middle of the visible part of the corridor's last leg. */
  label: Point;
  /** A corridor of one state: a dot there. */
  dot?: Point;
}

export interface CorridorMapModel {
  width: number;
  height: number;
  countries: { id: string; alpha2?: string | undefined; d: string; crossed: boolean }[];
  corridors: CorridorMark[];
  /** Names on the map: each crossed state in view, and where an origin off the map enters it. */
  labels: { alpha2: string; at: Point; offMap: boolean; anchor: 'start' | 'middle' | 'end' }[];
}

/** A country's main body: its largest polygon (France without French Guiana), for fitting and centroids. */
export function mainland(shape: CountryShape): Feature<Polygon> {
  const polygons = shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates;
  const areas = polygons.map((coordinates) => geoArea({ type: 'Polygon', coordinates }));
  const largest = polygons[areas.indexOf(Math.max(...areas))] ?? [];
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: largest } };
}

/** Origins this close (in radians of arc, ≈ 1,000 km) to a state of the region are drawn in full. */
const NEAR = 1000 / 6371;

/**
 * The region the map shows: the states the weapons crossed or reached (every leg but the origin; a corridor of
 * one state is that state), and the origins near them. A distant origin (Türkiye, China) stays off the map: its
 * corridor enters from the frame's edge, named there.
 */
export function regionOf(corridors: readonly MapCorridor[], centroid: (alpha2: string) => Point | undefined): Set<string> {
  const region = new Set(corridors.flatMap((c) => (c.legs.length > 1 ? c.legs.slice(1) : c.legs)).filter((code) => centroid(code)));
  const points = [...region].map((code) => centroid(code)!);
  for (const c of corridors) {
    const origin = centroid(c.legs[0] ?? '');
    if (origin && points.some((p) => geoDistance(origin, p) <= NEAR)) region.add(c.legs[0]!);
  }
  return region;
}

/** The part of the segment a→b inside the frame [0, w]×[0, h] (Liang–Barsky), or null when none is. */
export function clipSegment(a: Point, b: Point, w: number, h: number): [Point, Point] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const edges: [number, number][] = [
    [-dx, a[0]],
    [dx, w - a[0]],
    [-dy, a[1]],
    [dy, h - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return null;
  }
  return [
    [a[0] + t0 * dx, a[1] + t0 * dy],
    [a[0] + t1 * dx, a[1] + t1 * dy],
  ];
}

const round = (n: number): number => Math.round(n * 10) / 10;
const mid = (a: Point, b: Point): Point => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

interface Projected {
  corridor: MapCorridor;
  points: Point[];
  weight: number;
}

function mark({ corridor, points, weight }: Projected, width: number, height: number): CorridorMark {
  const base = { id: corridor.id, rank: corridor.rank, legs: corridor.legs, seizures: corridor.seizures, weight };
  if (points.length === 1) return { ...base, d: '', label: points[0]!, dot: points[0]! };
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${round(p[0])},${round(p[1])}`).join('');
  const last = clipSegment(points[points.length - 2]!, points[points.length - 1]!, width, height);
  return { ...base, d, label: last ? mid(last[0], last[1]) : points[points.length - 1]! };
}

type Label = CorridorMapModel['labels'][number];

/**
 * Where a corridor from an origin off the map crosses into the frame, a little inside it, written away from the
 * edge it enters by, and below the labels already there rather than over them.
 */
function entry(origin: string, points: Point[], width: number, height: number, taken: readonly Label[]): Label | undefined {
  const first = points.length > 1 ? clipSegment(points[0]!, points[1]!, width, height) : null;
  if (!first) return undefined;
  const [x] = first[0];
  let y = Math.min(Math.max(first[0][1], 16), height - 8);
  while (taken.some((l) => l.offMap && Math.abs(l.at[1] - y) < 15 && Math.abs(l.at[0] - x) < 160)) y += 15;
  const anchor = x < width * 0.25 ? 'start' : x > width * 0.75 ? 'end' : 'middle';
  return { alpha2: origin, at: [anchor === 'start' ? Math.max(x, 6) : anchor === 'end' ? Math.min(x, width - 6) : x, y], offMap: true, anchor };
}

/** The map of `corridors` (ranked, most seizures first) in a `width`×`height` frame. */
export function corridorMap(
  shapes: readonly CountryShape[],
  corridors: readonly MapCorridor[],
  numeric: (alpha2: string) => string | undefined,
  width = 800,
  height = 520,
): CorridorMapModel {
  const byAlpha2 = new Map<string, CountryShape>();
  const alpha2Of = new Map<string, string>();
  for (const code of new Set(corridors.flatMap((c) => c.legs))) {
    const id = numeric(code);
    const shape = id === undefined ? undefined : shapes.find((s) => String(s.id) === id);
    if (shape) {
      byAlpha2.set(code, shape);
      alpha2Of.set(String(shape.id), code);
    }
  }
  const centroids = new Map([...byAlpha2].map(([code, shape]) => [code, geoCentroid(mainland(shape))]));
  const region = regionOf(corridors, (code) => centroids.get(code));
  const fit: FeatureCollection = { type: 'FeatureCollection', features: [...region].map((code) => mainland(byAlpha2.get(code)!)) };
  const projection = geoMercator();
  if (fit.features.length > 0)
    projection.fitExtent(
      [
        [24, 24],
        [width - 24, height - 24],
      ],
      fit,
    );
  projection.clipExtent([
    [0, 0],
    [width, height],
  ]);
  const path = geoPath(projection);
  const countries = shapes.flatMap((shape) => {
    const d = path(shape);
    const id = String(shape.id);
    return d ? [{ id, alpha2: alpha2Of.get(id), d, crossed: alpha2Of.has(id) }] : [];
  });
  const max = Math.max(1, ...corridors.map((c) => c.seizures));
  const projected: Projected[] = corridors.map((corridor) => ({
    corridor,
    points: corridor.legs.flatMap((code) => {
      const c = centroids.get(code);
      const p = c ? projection(c) : null;
      return p ? [p] : [];
    }),
    weight: round(2 + (10 * corridor.seizures) / max),
  }));
  const labels: CorridorMapModel['labels'] = [...region].flatMap((code) => {
    const p = projection(centroids.get(code)!);
    return p ? [{ alpha2: code, at: [p[0], p[1] - 8] as Point, offMap: false, anchor: 'middle' as const }] : [];
  });
  for (const { corridor, points } of projected) {
    const origin = corridor.legs[0]!;
    const label = region.has(origin) || labels.some((l) => l.alpha2 === origin) ? undefined : entry(origin, points, width, height, labels);
    if (label) labels.push(label);
  }
  return { width, height, countries, corridors: projected.filter((p) => p.points.length > 0).map((p) => mark(p, width, height)), labels };
}
