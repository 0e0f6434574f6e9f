// The Accessibility options dialog: Font Size, High Contrast, Reading Preferences and Data &
// Privacy. A modal <dialog>: focus moves in, Tab stays inside, Esc closes, focus returns.
import { gpc } from "./consent.js";
import { h, uid } from "./dom.js";
import { panelSheet } from "./panel-styles.js";
import { DEFAULTS, FONTS } from "./reading.js";

const FONT_STEP = 0.1;
const LINE_LENGTHS = [45, 66, 80];
const FOCUSABLE = "button, input, select, [href]";

let dialog = null;

export async function openPanel(ctx) {
  if (!dialog) {
    ctx.root.adoptedStyleSheets = [...ctx.root.adoptedStyleSheets, panelSheet()];
    dialog = build(ctx, await ctx.config);
    ctx.root.append(dialog);
  }
  dialog.showModal();
}

function build(ctx, site) {
  const { t } = ctx;
  const titleId = uid("panel-title");
  const close = h("button", { type: "button", "aria-label": t("close") }, "✕");
  const panel = h(
    "dialog",
    { class: "panel", "aria-labelledby": titleId, lang: ctx.lang, dir: ctx.dir },
    h(
      "div",
      { class: "inner" },
      h("header", {}, h("h2", { id: titleId }, ctx.title), close),
      h("p", { class: "hint" }, t("intro")),
      fontSize(ctx, site.limits),
      section(t("contrast"), toggle(ctx, "high_contrast", t("contrastSwitch"))),
      reading(ctx),
      privacy(ctx, site),
    ),
  );
  close.addEventListener("click", () => panel.close());
  panel.addEventListener("close", () => ctx.opener.focus());
  panel.addEventListener("keydown", (event) => trapTab(event, panel));
  return panel;
}

// Tab from the last control goes to the first and Shift+Tab from the first to the last, so
// focus never leaves for the browser's own controls while the dialog is open.
function trapTab(event, panel) {
  if (event.key !== "Tab") return;
  const controls = [...panel.querySelectorAll(FOCUSABLE)].filter(
    (element) => !element.disabled && element.checkVisibility(),
  );
  const active = panel.getRootNode().activeElement;
  const edge = event.shiftKey ? controls[0] : controls.at(-1);
  if (active === edge || !controls.includes(active)) {
    event.preventDefault();
    (event.shiftKey ? controls.at(-1) : controls[0]).focus();
  }
}

function section(title, ...children) {
  const id = uid("section");
  return h("section", { "aria-labelledby": id }, h("h3", { id }, title), ...children);
}

function fontSize(ctx, limits) {
  const { t, reader } = ctx;
  const output = h("output", { "aria-live": "polite" });
  const clamp = (value) =>
    Math.min(limits.font_scale_max, Math.max(limits.font_scale_min, Math.round(value * 20) / 20));
  const smaller = h("button", { type: "button", "aria-label": t("smaller") }, "A−");
  const larger = h("button", { type: "button", "aria-label": t("larger") }, "A+");
  const reset = h("button", { type: "button" }, t("reset"));
  const show = (prefs) => {
    output.value = `${Math.round(prefs.font_scale * 100)}%`;
    smaller.disabled = prefs.font_scale <= limits.font_scale_min;
    larger.disabled = prefs.font_scale >= limits.font_scale_max;
  };
  const step = (by) => () => reader.save({ font_scale: clamp(reader.prefs.font_scale + by) });
  smaller.addEventListener("click", step(-FONT_STEP));
  larger.addEventListener("click", step(FONT_STEP));
  reset.addEventListener("click", () => reader.save({ font_scale: DEFAULTS.font_scale }));
  show(reader.prefs);
  reader.onChange(show);
  return section(t("fontSize"), h("div", { class: "row" }, smaller, output, larger, reset));
}

// A switch for one true/false preference, with an optional hint under it.
function toggle(ctx, key, label, hint) {
  const id = uid("switch");
  const hintId = hint && uid("hint");
  const input = h("input", { type: "checkbox", role: "switch", id, "aria-describedby": hintId });
  input.checked = ctx.reader.prefs[key] === true;
  input.addEventListener("change", () => ctx.reader.save({ [key]: input.checked }));
  ctx.reader.onChange((prefs) => (input.checked = prefs[key] === true));
  return h(
    "div",
    { class: "setting" },
    h("label", { for: id }, label),
    input,
    hint && h("p", { class: "hint", id: hintId }, hint),
  );
}

// A choice among values; the first option (null or "none") keeps the page's own.
function choice(ctx, key, label, options) {
  const id = uid("choice");
  const select = h(
    "select",
    { id },
    options.map(([value, text]) => h("option", { value: JSON.stringify(value) }, text)),
  );
  const show = (prefs) => (select.value = JSON.stringify(prefs[key]));
  select.addEventListener("change", () => ctx.reader.save({ [key]: JSON.parse(select.value) }));
  show(ctx.reader.prefs);
  ctx.reader.onChange(show);
  return h("div", { class: "setting" }, h("label", { for: id }, label), select);
}

function reading(ctx) {
  const { t } = ctx;
  return section(
    t("reading"),
    choice(ctx, "readable_font", t("font"), [
      ["none", t("pageOwn")],
      ...Object.entries(FONTS).map(([value, { family }]) => [value, family]),
    ]),
    toggle(ctx, "text_spacing", t("spacing"), t("spacingHint")),
    choice(ctx, "line_length", t("lineLength"), [
      [null, t("pageOwn")],
      ...LINE_LENGTHS.map((n) => [n, t("characters", { n })]),
    ]),
    toggle(ctx, "reduce_motion", t("motion"), t("motionHint")),
    toggle(ctx, "underline_links", t("links")),
    toggle(ctx, "reading_guide", t("guide"), t("guideHint")),
    readAloud(ctx),
  );
}

// The article's text only: the target's <article> if it has one, else the target.
function articleText(site) {
  const target =
    document.querySelector(site.panel.target || "main") ||
    document.querySelector("article") ||
    document.body;
  return (target.querySelector("article") || target).innerText;
}

function readAloud(ctx) {
  const { t } = ctx;
  if (!("speechSynthesis" in window)) return null;
  const speech = window.speechSynthesis;
  const status = h("p", { class: "hint", role: "status" });
  const button = (label, action) => h("button", { type: "button", onclick: action }, label);
  const play = button(t("play"), async () => {
    if (speech.paused && speech.speaking) {
      speech.resume();
    } else {
      const utterance = new SpeechSynthesisUtterance(articleText(await ctx.config));
      utterance.lang = document.documentElement.lang || ctx.lang;
      utterance.addEventListener("end", () => (status.textContent = ""));
      speech.cancel();
      speech.speak(utterance);
    }
    status.textContent = t("readingAloud");
  });
  const pause = button(t("pause"), () => {
    speech.pause();
    status.textContent = t("paused");
  });
  const stop = button(t("stop"), () => {
    speech.cancel();
    status.textContent = "";
  });
  const id = uid("aloud");
  return h(
    "div",
    { role: "group", "aria-labelledby": id },
    h("p", { id }, h("strong", {}, t("readAloud"))),
    h("div", { class: "row" }, play, pause, stop),
    status,
  );
}

function privacy(ctx, site) {
  const { t, consent, api } = ctx;
  const status = h("p", { class: "status", role: "status" });
  const categories = site.consent.categories;
  const boxes = new Map();
  const list = h(
    "fieldset",
    {},
    h("legend", {}, t("categories")),
    categories.map((category) => {
      const id = uid("category");
      const purpose = uid("purpose");
      const box = h("input", { type: "checkbox", id, "aria-describedby": purpose });
      box.checked = category.required || consent.get(category.key);
      box.disabled = category.required;
      boxes.set(category.key, box);
      const note = category.required ? ` (${t("alwaysOn")})` : "";
      return h(
        "div",
        { class: "category" },
        box,
        h("label", { for: id }, category.label + note),
        h("p", { class: "purpose", id: purpose }, category.purpose),
      );
    }),
  );
  // Whatever changed the consent (this panel, an erasure), the boxes show it.
  document.addEventListener("widget:consent", ({ detail }) => {
    for (const category of categories) {
      if (!category.required) boxes.get(category.key).checked = detail.categories[category.key];
    }
  });
  async function decide(choose) {
    const choices = {};
    for (const category of categories) {
      if (category.required) continue;
      choices[category.key] = choose(category.key);
    }
    const decision = consent.choose(choices);
    try {
      await api.saveConsent(decision);
      status.textContent = t("consentSaved");
    } catch {
      status.textContent = t("consentNotSent");
    }
  }
  const all = (granted) => h("button", { type: "button", class: "choice" }, t(granted ? "acceptAll" : "rejectAll"));
  const reject = all(false);
  const accept = all(true);
  const save = h("button", { type: "button", class: "choice" }, t("saveChoices"));
  reject.addEventListener("click", () => decide(() => false));
  accept.addEventListener("click", () => decide(() => true));
  save.addEventListener("click", () => decide((key) => boxes.get(key).checked));
  return section(
    t("privacy"),
    h("p", { class: "hint" }, t("privacyIntro")),
    consent.outdated() && h("p", { class: "notice" }, t("policyChanged")),
    gpc() && h("p", { class: "notice" }, t("gpcHonoured")),
    list,
    h("div", { class: "row" }, reject, accept, save),
    status,
    h("h4", {}, t("yourData")),
    h("p", { class: "hint" }, t("yourDataHint")),
    yourData(ctx, status),
  );
}

function yourData(ctx, status) {
  const { t, api } = ctx;
  const download = h("button", { type: "button" }, t("download"));
  download.addEventListener("click", async () => {
    const data = await api.exportData().catch(() => undefined);
    if (data === undefined) {
      status.textContent = t("unreachable");
      return;
    }
    const blob = new Blob([JSON.stringify(data ?? {}, null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: "my-data.json" });
    link.click();
    URL.revokeObjectURL(link.href);
    status.textContent = data ? t("downloaded") : t("nothingHeld");
  });
  const erase = h("button", { type: "button", class: "danger", "aria-expanded": "false" }, t("delete"));
  const confirm = confirmErase(ctx, status, () => {
    confirm.hidden = true;
    erase.setAttribute("aria-expanded", "false");
    erase.focus();
  });
  erase.addEventListener("click", () => {
    confirm.hidden = false;
    erase.setAttribute("aria-expanded", "true");
    confirm.querySelector("input").focus();
  });
  return h("div", {}, h("div", { class: "row" }, download, erase), confirm);
}

function confirmErase(ctx, status, done) {
  const { t, api, reader, consent } = ctx;
  const name = uid("comments");
  const radio = (value, label, checked) => {
    const id = uid("radio");
    return h(
      "div",
      { class: "radio" },
      h("input", { type: "radio", name, value, id, checked }),
      h("label", { for: id }, label),
    );
  };
  const yes = h("button", { type: "button", class: "danger" }, t("confirmDelete"));
  const cancel = h("button", { type: "button" }, t("cancel"));
  const box = h(
    "fieldset",
    { hidden: true },
    h("legend", {}, t("yourComments")),
    radio("delete", t("deleteComments"), true),
    radio("anonymize", t("anonymizeComments"), false),
    h("div", { class: "row" }, yes, cancel),
  );
  cancel.addEventListener("click", done);
  yes.addEventListener("click", async () => {
    const mode = box.querySelector("input:checked").value;
    try {
      await api.erase(mode);
    } catch (error) {
      if (error.status !== 401) {
        status.textContent = t("unreachable");
        return;
      }
    }
    api.storage.set("token", undefined);
    reader.forget();
    consent.forget();
    done();
    status.textContent = t("deleted");
  });
  return box;
}
