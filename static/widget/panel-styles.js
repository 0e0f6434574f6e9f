// The dialog's styles, adopted by the launcher's shadow root when a reader first opens it.
// Colours come from the same --widget-* properties as the Discussion, so High Contrast and the
// readable fonts reach the dialog too.
import { PALETTE } from "./styles.js";

const CSS = `
.panel {
  color-scheme: light dark; font-size: medium; line-height: 1.5; padding: 0;
  ${PALETTE}
  color: var(--fg); background: var(--bg); border: 2px solid var(--border); border-radius: 8px;
  width: min(40em, calc(100vw - 2em)); max-height: calc(100vh - 2em);
}
.panel::backdrop { background: #0009; }
.inner {
  font: calc(var(--widget-font-scale, 1) * 1em) / 1.5 var(--widget-font, system-ui, sans-serif);
  padding: 0 1.25em 1.25em;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
header {
  display: flex; align-items: center; justify-content: space-between; gap: 1em;
  position: sticky; top: 0; background: var(--bg); padding: 1em 0 .5em; z-index: 1;
}
h2 { font-size: 1.375em; line-height: 1.25; margin: 0; }
h3, h4 { font-size: 1.125em; margin: 1.25em 0 .5em; }
p { margin: 0 0 .75em; }
.hint, .purpose { color: var(--muted); font-size: .9375em; margin: 0; }
section { border-top: 1px solid var(--border); }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin: .5em 0; }
.setting { display: grid; grid-template-columns: 1fr auto; align-items: center; gap: .25em 1em; margin: .75em 0; }
.setting .hint { grid-column: 1 / -1; }
label, legend { font-weight: 600; }
fieldset { border: 0; margin: 0; padding: 0; }
output { min-width: 4ch; font-weight: 700; font-size: 1.25em; text-align: center; }
button, select {
  font: inherit; min-height: 44px; min-width: 44px; padding: .375em .875em; cursor: pointer;
  color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: 6px;
}
button.choice { font-weight: 600; min-width: 9em; }
button.danger { color: var(--danger); border-color: var(--danger); }
input[type="checkbox"] { width: 24px; height: 24px; margin: 0; accent-color: var(--accent); }
input[type="radio"] { width: 24px; height: 24px; margin: 0; accent-color: var(--accent); }
.category { display: grid; grid-template-columns: auto 1fr; gap: 0 .75em; align-items: start; margin: .75em 0; }
.category .purpose { grid-column: 2; }
.radio { display: flex; align-items: center; gap: .5em; margin: .25em 0; font-weight: 400; }
.notice { padding: .5em .75em; border-inline-start: 4px solid var(--accent); background: var(--surface); }
.status:empty { display: none; }
.status { padding: .5em .75em; border-inline-start: 4px solid var(--accent); background: var(--surface); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
@media (forced-colors: active) {
  .panel { border-color: CanvasText; }
  :focus-visible { outline-color: Highlight; }
}
`;

let sheet;

export function panelSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
