import { describe, expect, it } from '@jest/globals';
import { barChart, heatmap } from './charts.js';
import { toCsv } from './csv.js';

describe('server-rendered charts and CSV', () => {
  it('draws one bar per value, says the figures, and escapes recorded text', () => {
    const svg = barChart({ title: 'Episodes <by> month', labels: ['Apr', 'May', 'Jun'], values: [4, null, 2] });
    expect(svg.match(/<rect /g)).toHaveLength(3);
    expect(svg).toContain('<title id="bar-1-t">Episodes &lt;by&gt; month</title>');
    expect(svg).toContain('Apr: 4; May: no data; Jun: 2');
    expect(svg).toMatch(/role="img"/);
    expect(svg).not.toContain('style=');
  });

  it('shades a heatmap by count and names the busiest cells', () => {
    const values = [[0, 3], [1, 0]];
    const svg = heatmap({ title: 'When', rows: ['Mon', 'Tue'], columns: ['0', '1'], values });
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('Busiest: Mon 1:00 (3); Tue 0:00 (1)');
  });

  it('writes RFC 4180 CSV and neutralises formulas in free text', () => {
    expect(toCsv(['CHILD', 'place', 'n'], [{ CHILD: 'SY0001', place: 'Bus station, "North"', n: 2 }, { CHILD: 'SY0002', place: '=HYPERLINK()', n: -1 }]))
      .toBe('CHILD,place,n\r\nSY0001,"Bus station, ""North""",2\r\nSY0002,\'=HYPERLINK(),-1\r\n');
  });
});
