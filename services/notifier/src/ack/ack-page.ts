/** Plain GOV.UK-style pages for acknowledgement links: work without JavaScript, readable on a phone. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const layout = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)} - Safeguard</title>
<style>body{font-family:Arial,sans-serif;font-size:19px;line-height:1.3;color:#0b0c0c;margin:0}
header{background:#0b0c0c;color:#fff;padding:10px 15px;font-weight:bold}main{max-width:640px;margin:0 auto;padding:20px 15px}
h1{font-size:32px;margin:0 0 20px}dl{margin:0 0 20px}dt{font-weight:bold}dd{margin:0 0 10px}
label{display:block;font-weight:bold;margin-bottom:5px}.hint{color:#505a5f;margin-bottom:5px}
input[type=text]{font-size:19px;padding:5px;border:2px solid #0b0c0c;width:100%;max-width:20em;box-sizing:border-box}
.error{border-left:5px solid #d4351c;padding-left:15px}.error-message{color:#d4351c;font-weight:bold}
button{font-size:19px;background:#00703c;color:#fff;border:0;padding:10px 15px;margin-top:20px;box-shadow:0 2px 0 #002d18;cursor:pointer}
button:focus,input:focus{outline:3px solid #fd0;outline-offset:0}</style></head>
<body><header>Safeguard</header><main>${body}</main></body></html>`;

export interface AckView {
  reference: string;
  level: string;
  ask: string;
  deadline?: string;
  police: boolean;
}

const summary = (v: AckView) => `<dl><dt>Episode</dt><dd>${esc(v.reference)}</dd><dt>Alert level</dt><dd>${esc(v.level.toUpperCase())}</dd>
<dt>Asked of you</dt><dd>${esc(v.ask)}</dd>${v.deadline ? `<dt>Acknowledge by</dt><dd>${esc(v.deadline)}</dd>` : ''}</dl>`;

/** GET shows what is being acknowledged; only the form's POST records it (mail scanners follow links). */
export function confirmPage(v: AckView, error?: string): string {
  const field = v.police
    ? `<div class="${error ? 'error' : ''}"><label for="policeReference">Police reference number</label>
<div class="hint">The incident or missing person reference, for example DF/2026/12345</div>
${error ? `<p class="error-message" id="policeReference-error">Error: ${esc(error)}</p>` : ''}
<input type="text" id="policeReference" name="policeReference" autocomplete="off" spellcheck="false"${error ? ' aria-describedby="policeReference-error"' : ''}></div>`
    : '';
  return layout('Acknowledge alert', `<h1>Acknowledge this alert</h1>${summary(v)}
<form method="post">${field}<button type="submit">Acknowledge</button></form>`);
}

export const donePage = (v: AckView) =>
  layout('Alert acknowledged', `<h1>Alert acknowledged</h1>${summary(v)}<p>Thank you. The episode's escalation continues until the child is found.</p>`);

export const refusedPage = (title: string, text: string) => layout(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p>`);
