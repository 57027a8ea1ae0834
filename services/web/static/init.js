// GOV.UK Frontend's components, started from a file so the CSP needs no inline script for them.
import { initAll } from '/govuk/govuk-frontend.min.js';
initAll();
