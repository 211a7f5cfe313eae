// marac's script (with the module it imports for the live meeting). Every page works without it; it adds the GOV.UK
// and MoJ component behaviour, htmx, and the live meeting's clock and keyboard shortcuts.
// Loaded as <script type="module">, so it runs once the document is parsed and never inline (the CSP forbids that).

import { initAll as initGovukFrontend } from "./govuk-frontend.min.js";
import htmx from "./htmx.min.js";
import { initLiveMeeting } from "./live-meeting.js";
import { initAll as initMojFrontend } from "./moj-frontend.min.js";

// The GOV.UK page template sets these classes with an inline script; a module script is our proof of support.
document.body.classList.add("js-enabled", "govuk-frontend-supported");

initGovukFrontend();
initMojFrontend();
initLiveMeeting();

Object.assign(htmx.config, {
  // Pages hold restricted case information: never keep copies of them in the browser's localStorage.
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
  // Keep htmx within a strict Content Security Policy: no eval, no inline scripts or styles of its own.
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
});
window.htmx = htmx;

// Content that htmx swaps in needs the same component behaviour as the first page load.
htmx.onLoad((element) => {
  if (element === document.body) {
    return;
  }
  initGovukFrontend(element);
  initMojFrontend(element);
  initLiveMeeting(element);
});
