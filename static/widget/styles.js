// The Discussion's styles, adopted by its shadow root. Important declarations on :host win
// over anything the page says about our host element; page styles cannot reach inside.
// Publishers theme it through the --widget-* custom properties and ::part() (see README).

// The embed's colours, each overridable by a --widget-* property (High Contrast sets them
// too); the Accessibility options dialog uses the same.
export const PALETTE = `
  --bg: var(--widget-background, light-dark(#ffffff, #1b1d21));
  --fg: var(--widget-text, light-dark(#1f2328, #e6e8eb));
  --muted: var(--widget-muted, light-dark(#57606a, #a8b0ba));
  --accent: var(--widget-accent, light-dark(#0b57d0, #8ab4f8));
  --on-accent: var(--widget-on-accent, light-dark(#ffffff, #0d1b33));
  --surface: var(--widget-surface, light-dark(#f3f5f7, #262a30));
  --border: var(--widget-border, light-dark(#8c959f, #6e7681));
  --danger: var(--widget-danger, light-dark(#b3261e, #ffb4ab));`;

const CSS = `
:host {
  all: initial !important;
  display: block !important;
  min-height: var(--widget-min-height, 24em) !important;
  font-family: var(--widget-font, inherit) !important;
  font-size: var(--widget-font-size, medium) !important;
  line-height: 1.5 !important;
  color-scheme: light dark !important;
  ${PALETTE}
  --radius: var(--widget-radius, 6px);
}
/* Light and dark follow the reader's setting unless data-theme chooses one. */
:host([data-theme="light"]) { color-scheme: light !important; }
:host([data-theme="dark"]) { color-scheme: dark !important; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.widget {
  color: var(--fg); background: var(--bg); border-radius: var(--radius);
  padding: var(--widget-padding, 1.25em);
  /* The reader's Font Size from the Accessibility options panel (1 unless they chose one). */
  font-size: calc(var(--widget-font-scale, 1) * 1em);
  letter-spacing: var(--widget-letter-spacing, normal);
  word-spacing: var(--widget-word-spacing, normal);
}
h2 { font-size: 1.5em; line-height: 1.25; margin: 0 0 .25em; font-weight: 700; }
.count { color: var(--muted); font-weight: 400; }
p { margin: 0 0 var(--widget-paragraph-spacing, .75em); }
.intro, .note, .meta, .empty, .loading { color: var(--muted); }
.note, .meta, .field-error, .badge, .edited { font-size: .875em; }
.status:empty { display: none; }
.status { padding: .5em .75em; border-inline-start: 4px solid var(--accent); background: var(--surface); }
.empty { padding: 1em; background: var(--surface); border-radius: var(--radius); }
.empty strong { color: var(--fg); }
form { display: grid; gap: .75em; margin: 1em 0; }
.author-fields { display: grid; gap: .75em; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); }
label { display: block; font-weight: 600; margin-bottom: .25em; }
textarea, input, select {
  font: inherit; color: var(--fg); background: var(--bg); width: 100%; min-height: 2.5em;
  padding: .5em .625em; border: 1px solid var(--border); border-radius: var(--radius);
}
textarea { resize: vertical; min-height: 7em; }
select { width: auto; }
[aria-invalid="true"] { border-color: var(--danger); border-width: 2px; }
.note, .field-error { margin: .25em 0 0; }
.field-error, .form-error { color: var(--danger); font-weight: 600; }
.form-error:empty { display: none; }
.preview { padding: .75em; border: 1px dashed var(--border); border-radius: var(--radius); }
.buttons, .actions, .toolbar, .votes, .meta { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; }
button {
  font: inherit; font-size: .875em; min-height: 2em; min-width: 2em; padding: .25em .75em; cursor: pointer;
  color: var(--fg); background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius);
}
button.primary { background: var(--accent); color: var(--on-accent); border-color: var(--accent); font-weight: 600; }
button.danger { color: var(--danger); border-color: var(--danger); }
button[aria-disabled="true"] { opacity: .7; cursor: progress; }
button.vote { padding: 0 .5em; }
button.vote[aria-pressed="true"] { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
article:focus { outline: none; }
article:focus-visible { outline: 3px solid var(--accent); }
a { color: var(--accent); text-decoration: underline; }
.toolbar { margin: 1.5em 0 .5em; }
.toolbar label { margin: 0; }
ol { list-style: none; margin: 0; padding: 0; }
.comment { padding: .75em 0; border-top: 1px solid var(--border); }
.replies { margin-inline-start: 1.25em; padding-inline-start: .75em; border-inline-start: 2px solid var(--border); }
.meta { column-gap: .5em; row-gap: 0; }
.author { color: var(--fg); font-weight: 600; }
.author a { display: inline-block; min-height: 24px; }
.avatar {
  display: inline-grid; place-items: center; width: 2em; height: 2em; border-radius: 50%;
  background: var(--surface); color: var(--fg); font-weight: 700; object-fit: cover;
}
.badge { padding: 0 .5em; border: 1px solid var(--border); border-radius: 1em; color: var(--fg); }
.exact { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.when:hover .exact, article:focus-within .exact { position: static; width: auto; height: auto; clip-path: none; }
.body { overflow-wrap: anywhere; }
.body :is(p, ul, ol, pre, blockquote) { margin: .5em 0; }
.body ol, .body ul { list-style: revert; padding-inline-start: 1.5em; }
.body blockquote { margin-inline: 0; padding-inline-start: .75em; border-inline-start: 3px solid var(--border); color: var(--muted); }
.body pre, .body code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.body pre { overflow-x: auto; padding: .5em; background: var(--surface); }
.deleted .placeholder { color: var(--muted); font-style: italic; }
.score { min-width: 4em; text-align: center; color: var(--muted); font-size: .875em; }
.problem { padding: .75em; border: 2px solid var(--danger); border-radius: var(--radius); }
.more { margin-top: 1em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-reduced-motion: no-preference) {
  button { transition: background-color var(--widget-transition, .15s), color var(--widget-transition, .15s); }
}
@media (forced-colors: active) {
  button.vote[aria-pressed="true"] { outline: 2px solid CanvasText; }
}
`;

let sheet;

// One constructed sheet shared by every Discussion on the page.
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
