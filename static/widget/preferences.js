// The Accessibility options feature: the button, the reader's saved preferences and consent.
// The dialog itself (panel.js) is fetched only when a reader opens it.
import { createApi } from "./api.js";
import { createConsent } from "./consent.js";
import { h } from "./dom.js";
import { chooseLanguage, loadCatalogue } from "./i18n.js";

const CORNERS = ["bottom-right", "bottom-left", "top-right", "top-left"];
const SYNC_DELAY_MS = 600;

const LAUNCHER_CSS = `
:host { all: initial !important; display: block !important; }
:host([data-corner]) { position: fixed !important; z-index: 2147483000 !important; margin: 1rem !important; }
:host([data-corner^="bottom"]) { bottom: 0 !important; }
:host([data-corner^="top"]) { top: 0 !important; }
:host([data-corner$="right"]) { right: 0 !important; }
:host([data-corner$="left"]) { left: 0 !important; }
.launcher {
  font: 600 calc(var(--widget-font-scale, 1) * 1rem) / 1.25 var(--widget-font, system-ui, sans-serif);
  min-height: 44px; min-width: 44px; padding: .5em 1em; cursor: pointer; border-radius: 6px;
  color: light-dark(#fff, #0d1b33); background: light-dark(#0b57d0, #8ab4f8);
  border: 2px solid light-dark(#0b57d0, #8ab4f8); color-scheme: light dark;
}
.ask { font-weight: 400; }
.launcher:focus-visible { outline: 3px solid light-dark(#1f2328, #fff); outline-offset: 2px; }
.guide {
  position: fixed; inset-inline: 0; top: 0; height: 2.5em; pointer-events: none; z-index: 2147483001;
  border-block: 3px solid light-dark(#0b57d0, #8ab4f8); background: light-dark(#0b57d01a, #8ab4f826);
  color-scheme: light dark;
}
@media (forced-colors: active) { .launcher, .guide { border-color: ButtonText; } }
`;

function launcherSheet() {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(LAUNCHER_CSS);
  return sheet;
}

// The reader's preferences: applied at once, kept in storage for the loader's next first act,
// and sent to the service a moment later (a reader who changes nothing sends nothing).
// reading.js is fetched only once there is something to apply or the panel opens.
function createReader(api, context) {
  const { storage } = api;
  const sheet = context.sheet || new CSSStyleSheet();
  let selector = context.options.target || null;
  let timer = null;
  let reading = null;
  const listeners = new Set();
  const reader = {
    prefs: storage.get("prefs") || {},
    onChange: (listener) => listeners.add(listener),
    async load() {
      reading ||= await import("./reading.js");
      reader.prefs = { ...reading.DEFAULTS, ...reader.prefs };
    },
    // Only after load(): applying stays synchronous, so a click shows its effect at once.
    apply(prefs) {
      reader.prefs = { ...reading.DEFAULTS, ...prefs };
      const { font_scale, high_contrast } = reader.prefs;
      const state = reading.rootState(reader.prefs, high_contrast && reading.pageTone(selector));
      const sizes = font_scale === 1 ? "" : reading.fixedSizeCSS(selector);
      const css = `${reading.readingCSS(selector, context.service)}\n${sizes}`;
      reading.applyState(sheet, state, css);
      storage.set("prefs", reader.prefs);
      storage.set("applied", { ...state, css });
      for (const listener of listeners) listener(reader.prefs);
    },
    save(changes) {
      reader.apply({ ...reader.prefs, ...changes });
      clearTimeout(timer);
      timer = setTimeout(reader.sync, SYNC_DELAY_MS);
    },
    async sync() {
      try {
        const saved = await api.savePreferences(reader.prefs);
        storage.set("prefsAt", saved.updated_at);
      } catch {
        // The service is out of reach: the choice holds here and goes with the next save.
      }
    },
    // The site's target is known: refresh the rules (also after a release changed them).
    async setTarget(target) {
      selector = context.options.target || target || null;
      if (!storage.get("prefs")) return;
      await reader.load();
      reader.apply(reader.prefs);
    },
    // Another article or device saved newer preferences for this token: take them.
    async pull() {
      const saved = await api.preferences().catch(() => null);
      if (!saved?.updated_at || saved.updated_at === storage.get("prefsAt")) return;
      const { updated_at, ...prefs } = saved;
      await reader.load();
      reader.apply(prefs);
      storage.set("prefsAt", updated_at);
    },
    forget() {
      clearTimeout(timer);
      reader.apply({});
      for (const name of ["prefs", "prefsAt", "applied"]) storage.set(name, undefined);
    },
  };
  return reader;
}

// A band across the viewport that follows the pointer, for keeping one's place in the text.
function readingGuide(reader) {
  let host = null;
  const follow = (event) => {
    const guide = host.shadowRoot.firstElementChild;
    guide.style.transform = `translateY(calc(${event.clientY}px - 50%))`;
  };
  const update = (prefs) => {
    if (prefs.reading_guide && !host) {
      host = h("div", { class: "widget-reading-guide", "aria-hidden": "true" });
      const root = host.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [launcherSheet()];
      root.append(h("div", { class: "guide" }));
      document.body.append(host);
      document.addEventListener("pointermove", follow, { passive: true });
    } else if (!prefs.reading_guide && host) {
      document.removeEventListener("pointermove", follow);
      host.remove();
      host = null;
    }
  };
  update(reader.prefs);
  reader.onChange(update);
}

export function mount(context) {
  if (window.widget?.consent) return; // the tag came twice
  const api = createApi(context.service, context.site);
  const consent = createConsent(api.storage);
  window.widget = { ...window.widget, consent: { get: consent.get } };
  const reader = createReader(api, context);
  readingGuide(reader);
  const config = api.config();
  // The rules are made again once the page's own stylesheets have all arrived.
  const loaded = new Promise((resolve) => {
    if (document.readyState === "complete") resolve();
    else window.addEventListener("load", resolve, { once: true });
  });
  config.then(
    (site) => {
      consent.setSite(site.consent);
      loaded.then(() => reader.setTarget(site.panel.target));
    },
    (error) => console.error("widget: the site's settings could not be loaded", error),
  );
  reader.pull();

  const placeholder = context.targets[0];
  const corner = context.options.readingOptions;
  const lang = chooseLanguage(placeholder?.dataset.lang, context.options.lang);
  const host = h("div", { class: "widget-reading-options" });
  const root = host.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [launcherSheet()];
  const ctx = { api, consent, reader, config, root, lang };
  Promise.all([loadCatalogue(lang), placeholder ? null : config]).then(([i18n, site]) => {
    ctx.title = i18n.t("readingOptions");
    const button = h(
      "button",
      {
        type: "button",
        class: "launcher",
        "aria-haspopup": "dialog",
        onclick: () => open(ctx).catch((error) => console.error("widget: the panel failed", error)),
      },
      ctx.title,
    );
    button.lang = i18n.lang;
    button.dir = i18n.dir;
    ctx.opener = button;
    root.append(button);
    if (placeholder) {
      placeholder.append(host);
    } else {
      host.dataset.corner = CORNERS.includes(corner) ? corner : site.panel.position;
      document.body.append(host);
    }
    config.then(() => askAgain(button, consent, i18n.t("policyUpdated")));
  });
}

// A reader who answered an earlier privacy policy is asked again, on the button itself, until
// they choose: no banner covers the page and nothing opens by itself.
function askAgain(button, consent, text) {
  if (!consent.outdated()) return;
  const note = h("span", { class: "ask" }, ` · ${text}`);
  button.append(note);
  document.addEventListener("widget:consent", function answered() {
    if (consent.outdated()) return;
    note.remove();
    document.removeEventListener("widget:consent", answered);
  });
}

async function open(ctx) {
  const [{ openPanel }, i18n] = await Promise.all([
    import("./panel.js"),
    loadCatalogue(ctx.lang, "panel"),
    ctx.reader.load(),
  ]);
  openPanel({ ...ctx, ...i18n });
}
