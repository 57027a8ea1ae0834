// "Print a one-page briefing": shown only where it works, and started from a file (the CSP allows no inline script).
for (const button of document.querySelectorAll('[data-sg-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
