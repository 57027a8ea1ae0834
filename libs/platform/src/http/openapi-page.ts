/** HTML-escapes text for the page. */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Operation { summary?: string; description?: string; security?: unknown[] }

/**
 * A small page for /api/docs: every operation with its summary, and a link to the JSON for a full viewer. No script
 * and no style, so it renders under the API's CSP (default-src 'none') without a nonce.
 */
export function docsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; description: string };
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const rows = Object.entries(paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) =>
    `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td>` +
    `<td>${op.security?.length === 0 ? 'none' : 'service token'}</td></tr>`));
  return [
    '<!doctype html>', '<html lang="en">', '<head><meta charset="utf-8">', `<title>${escape(info.title)}</title></head>`, '<body>',
    `<h1>${escape(info.title)}</h1>`, `<p>${escape(info.description)}</p>`,
    '<p>The OpenAPI 3.1 document: <a href="/api/docs/openapi.json">/api/docs/openapi.json</a>.</p>',
    '<table><thead><tr><th>Method</th><th>Path</th><th>Summary</th><th>Token</th></tr></thead><tbody>', ...rows, '</tbody></table>',
    '</body>', '</html>', '',
  ].join('\n');
}
