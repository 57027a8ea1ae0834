// The local stack's SMTP sink with a web inbox: accepts every message on SMTP_PORT (1025) and lists them at
// http://127.0.0.1:1080 (HTML) and /email (JSON). Built on the same SmtpSink the tests use; keeps mail in memory.
import { createServer } from 'node:http';
import { SmtpSink } from '@safeguard/testing';

const smtpPort = Number(process.env.SMTP_PORT ?? 1025);
const webPort = Number(process.env.MAIL_WEB_PORT ?? 1080);
const sink = await new SmtpSink().start(smtpPort);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

createServer((req, res) => {
  if (req.url === '/email') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(sink.messages));
  }
  const m = /^\/email\/(\d+)$/.exec(req.url ?? '');
  if (m && sink.messages[Number(m[1])]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(sink.messages[Number(m[1])].html || `<pre>${esc(sink.messages[Number(m[1])].text)}</pre>`);
  }
  const rows = sink.messages.map((msg, i) => `<tr><td>${new Date(msg.receivedAt).toISOString()}</td><td>${esc(msg.to.join(', '))}</td>
    <td><a href="/email/${i}">${esc(msg.subject)}</a></td></tr>`).reverse().join('');
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Local inbox</title></head><body style="font-family:Arial,sans-serif"><h1>Local inbox (${sink.messages.length})</h1>
<table cellpadding="6"><tr><th>Received</th><th>To</th><th>Subject</th></tr>${rows}</table></body></html>`);
}).listen(webPort, '127.0.0.1', () => console.log(`mail sink: SMTP 127.0.0.1:${smtpPort}, inbox http://127.0.0.1:${webPort}`));
