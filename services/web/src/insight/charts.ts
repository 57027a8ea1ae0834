/**
 * Server-rendered SVG charts: no JavaScript, readable by screen readers (role="img" with a title and a description
 * that states the figures), and always shown beside a table of the same numbers. Colours are GOV.UK's.
 */
const BLUE = '#1d70b8';
const TEXT = '#0b0c0c';
const GREY = '#b1b4b6';

export const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

let sequence = 0;
const chartId = (prefix: string) => `${prefix}-${(sequence = (sequence + 1) % 1e6)}`;

export interface BarChart {
  title: string;
  labels: string[];
  values: (number | null)[];
  /** Appended to each value label, e.g. '%'. */
  unit?: string;
  /** The top of the scale (e.g. 100 for percentages); the largest value otherwise. */
  max?: number;
}

/** A vertical bar chart; a missing value (null) is drawn as a gap and said as "no data". */
export function barChart({ title, labels, values, unit = '', max }: BarChart): string {
  const id = chartId('bar');
  const width = 640;
  const height = 260;
  const left = 40;
  const bottom = 40;
  const top = 24;
  const plotH = height - bottom - top;
  const scale = Math.max(max ?? 0, ...values.map((v) => v ?? 0), 1);
  const slot = (width - left - 8) / Math.max(labels.length, 1);
  const bars = labels.map((label, i) => {
    const v = values[i];
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const h = v === null || v === undefined ? 0 : (v / scale) * plotH;
    const y = top + plotH - h;
    const text = v === null || v === undefined ? '–' : `${round(v)}${unit}`;
    return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${BLUE}"/>`
      + `<text x="${(x + w / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" font-size="11" text-anchor="middle" fill="${TEXT}">${escapeXml(text)}</text>`
      + `<text x="${(x + w / 2).toFixed(1)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="${TEXT}">${escapeXml(label)}</text>`;
  }).join('');
  const said = labels.map((l, i) => `${l}: ${values[i] === null || values[i] === undefined ? 'no data' : `${round(values[i]!)}${unit}`}`).join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" class="sg-chart" font-family="arial, sans-serif">`
    + `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(said)}</desc>`
    + `<line x1="${left}" y1="${top + plotH}" x2="${width - 8}" y2="${top + plotH}" stroke="${GREY}"/>`
    + `<text x="${left - 6}" y="${top + 4}" font-size="11" text-anchor="end" fill="${TEXT}">${escapeXml(`${round(scale)}${unit}`)}</text>`
    + `<text x="${left - 6}" y="${top + plotH}" font-size="11" text-anchor="end" fill="${TEXT}">0</text>`
    + `${bars}</svg>`;
}

export interface Heatmap {
  title: string;
  rows: string[];
  columns: string[];
  values: number[][];
}

/** A grid of counts, darker for more; each cell also carries its number. */
export function heatmap({ title, rows, columns, values }: Heatmap): string {
  const id = chartId('heat');
  const cell = 24;
  const left = 44;
  const top = 22;
  const max = Math.max(1, ...values.flat());
  const cells = values.flatMap((row, r) => row.map((v, c) => {
    const x = left + c * cell;
    const y = top + r * cell;
    const opacity = v === 0 ? 0.04 : 0.2 + 0.8 * (v / max);
    const label = v === 0 ? '' : `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" font-size="10" text-anchor="middle" fill="${v / max > 0.5 ? '#ffffff' : TEXT}">${v}</text>`;
    return `<rect x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${BLUE}" fill-opacity="${opacity.toFixed(2)}"/>${label}`;
  })).join('');
  const rowLabels = rows.map((r, i) => `<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" font-size="11" text-anchor="end" fill="${TEXT}">${escapeXml(r)}</text>`).join('');
  const colLabels = columns.map((c, i) => `<text x="${left + i * cell + cell / 2 - 1}" y="${top - 6}" font-size="10" text-anchor="middle" fill="${TEXT}">${escapeXml(c)}</text>`).join('');
  const busiest = values.flatMap((row, r) => row.map((v, c) => ({ v, at: `${rows[r]} ${columns[c]}:00` }))).filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v).slice(0, 5).map((x) => `${x.at} (${x.v})`).join('; ');
  const width = left + columns.length * cell + 4;
  const height = top + rows.length * cell + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-t ${id}-d" class="sg-chart" font-family="arial, sans-serif">`
    + `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(busiest ? `Busiest: ${busiest}` : 'No episodes')}</desc>`
    + `${colLabels}${rowLabels}${cells}</svg>`;
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
