import { describe, expect, it } from 'vitest';
import { createAnalysisScenario } from './analysisScenario';

const legsOf = (r: { origin?: string; transit?: string[]; destination?: string } | undefined) => [r?.origin, ...(r?.transit ?? []), r?.destination].join('-');

describe("the demo's analysis scenario", () => {
  it('is the same for a seed, and plants two dominant corridors, links of every kind and one lot over three states', () => {
    const { seizures, planted } = createAnalysisScenario(2026, 300);
    expect(JSON.stringify(createAnalysisScenario(2026, 300).seizures)).toBe(JSON.stringify(seizures));
    const counts = new Map<string, number>();
    for (const s of seizures) counts.set(legsOf(s.data.route), (counts.get(legsOf(s.data.route)) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([k]) => k);
    expect(top.sort()).toEqual([...planted.corridors].sort());
    expect(planted.links.map((l) => l.kind).sort()).toEqual(['BROKER', 'CONVEYANCE', 'DOCUMENT', 'PERSON']);
    for (const l of planted.links) {
      expect(new Set(l.seizures).size, l.kind).toBe(l.seizures.length);
      expect(l.seizures.length).toBeGreaterThanOrEqual(2);
      for (const i of l.seizures) expect(seizures[i]!.handling.tlp).toBe('GREEN');
    }
    const person = planted.links.find((l) => l.kind === 'PERSON')!;
    const [a, b] = person.seizures.map((i) => seizures[i]!);
    expect(a!.originator.agency).toBe(b!.originator.agency);
    expect(a!.identities![0]!.documentNumber).toBe(b!.identities![0]!.documentNumber);
    expect(new Set(planted.lot.seizures.map((i) => seizures[i]!.originator.state))).toEqual(new Set(['GH', 'TG', 'BF']));
    const lotSerials = planted.lot.seizures.flatMap((i) =>
      seizures[i]!.data.items.filter((x) => x.model === 'M70AB2' && x.serial?.asRead.startsWith('M70-')).map((x) => x.serial!.asRead),
    );
    expect(lotSerials.sort()).toEqual([...planted.lot.serials].sort());
  });

  it('still plants what it can in a small network', () => {
    const { seizures, planted } = createAnalysisScenario(7, 30);
    expect(seizures).toHaveLength(30);
    for (const l of planted.links) for (const i of l.seizures) expect(seizures[i]).toBeDefined();
  });
});
