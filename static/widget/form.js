// The comment form, for a new comment, a reply or an edit: labelled fields, errors tied to
// them, a preview, one submission at a time, and nothing lost when posting fails.
import { newIdempotencyKey } from "./api.js";
import { h, sanitisedHTML, uid } from "./dom.js";

const AUTHOR_FIELDS = [
  ["author_name", "name", "text", "name"],
  ["author_email", "email", "email", "email"],
  ["author_website", "website", "url", "url"],
];

function field(name, label, control, note) {
  const id = uid(name);
  const errorId = `${id}-error`;
  const noteId = note && `${id}-note`;
  control.id = id;
  control.name = name;
  control.setAttribute("aria-describedby", [noteId, errorId].filter(Boolean).join(" "));
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const wrapper = h(
    "div",
    { class: `field field-${name}` },
    h("label", { for: id }, label),
    control,
    note && h("p", { class: "note", id: noteId }, note),
    error,
  );
  return { wrapper, control, error };
}

// options: mode ("new", "reply" or "edit"), label, submitLabel, value (to edit), send(values, key),
// done(result, values) and, for forms that can be closed, cancel().
export function commentForm(ctx, options) {
  const { t } = ctx;
  const fields = {};
  const body = field(
    "body",
    options.label,
    h("textarea", { rows: "5", dir: "auto", required: true, "aria-required": "true" }),
    t("markdownHint"),
  );
  body.control.value = options.value || "";
  fields.body = body;
  const preview = h("div", { class: "preview body", part: "preview", dir: "auto", hidden: true });
  const formError = h("p", { class: "form-error", role: "alert" });
  const submit = h(
    "button",
    { type: "submit", class: "primary", part: "button" },
    options.submitLabel,
  );
  const form = h("form", { class: `form form-${options.mode}`, part: "form", novalidate: true });
  // Spam defence for new comments: a field only robots fill in, hidden from readers, their
  // assistive technology and the Tab key, and how long the form was open before posting.
  const shown = performance.now();
  const honeypot =
    options.mode !== "edit" &&
    h("input", { type: "text", name: "homepage", tabindex: "-1", autocomplete: "off" });

  const author =
    options.mode !== "edit" &&
    h(
      "div",
      { class: "author-fields" },
      AUTHOR_FIELDS.map(([name, labelKey, type, autocomplete]) => {
        fields[name] = field(
          name,
          t(labelKey),
          h("input", { type, autocomplete }),
          name === "author_email" && t("emailNote"),
        );
        return fields[name].wrapper;
      }),
    );

  form.append(
    body.wrapper,
    preview,
    author,
    honeypot && h("div", { class: "visually-hidden", "aria-hidden": "true" }, honeypot),
    formError,
    h(
      "div",
      { class: "buttons" },
      submit,
      h("button", { type: "button", part: "button", onclick: showPreview }, t("preview")),
      options.cancel &&
        h("button", { type: "button", part: "button", onclick: options.cancel }, t("cancel")),
    ),
  );
  if (options.cancel) {
    form.addEventListener("keydown", (event) => event.key === "Escape" && options.cancel());
  }
  // One key per draft: a retry after a lost answer reuses it, so the service stores one post.
  let attempt = null;
  form.addEventListener("input", () => (attempt = null));
  // Limits are needed only by readers who write: fetch them once someone starts.
  form.addEventListener("focusin", () => ctx.config().catch(() => {}), { once: true });

  function clearErrors() {
    formError.textContent = "";
    for (const { control, error } of Object.values(fields)) {
      control.removeAttribute("aria-invalid");
      error.hidden = true;
      error.textContent = "";
    }
  }

  function showErrors(messages) {
    let first = null;
    for (const [name, message] of Object.entries(messages)) {
      const target = fields[name];
      if (!target) {
        formError.textContent = [].concat(message).join(" ");
        continue;
      }
      target.control.setAttribute("aria-invalid", "true");
      target.error.textContent = [].concat(message).join(" ");
      target.error.hidden = false;
      first = first || target.control;
    }
    if (first) {
      first.focus();
      ctx.announce(t("fixFields"));
    }
  }

  function showFailure(error) {
    if (error.status === 0) formError.textContent = t("network");
    else if (Object.keys(error.fields).length) showErrors(error.fields);
    else formError.textContent = error.message;
  }

  async function showPreview() {
    clearErrors();
    preview.hidden = false;
    if (!body.control.value.trim()) {
      preview.textContent = t("previewEmpty");
      return;
    }
    try {
      sanitisedHTML(preview, (await ctx.api.preview(body.control.value)).body_html);
    } catch (error) {
      preview.hidden = true;
      showFailure(error);
    }
  }

  async function check(text) {
    if (!text.trim()) return t("required");
    const config = await ctx.config().catch(() => null);
    const max = config && config.limits.body_max_length;
    return max && text.trim().length > max ? t("tooLong", { n: max }) : null;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return; // one submission at a time
    form.setAttribute("aria-busy", "true");
    submit.setAttribute("aria-disabled", "true");
    clearErrors();
    try {
      const problem = await check(body.control.value);
      if (problem) {
        showErrors({ body: problem });
        return;
      }
      const values = {};
      for (const [name, { control }] of Object.entries(fields)) values[name] = control.value;
      if (honeypot) {
        values.honeypot = honeypot.value;
        values.elapsed_ms = Math.round(performance.now() - shown);
      }
      attempt ||= newIdempotencyKey();
      const result = await options.send(values, attempt);
      attempt = null;
      if (body.control.value === values.body) body.control.value = ""; // unless typed on meanwhile
      preview.hidden = true;
      options.done(result, values);
    } catch (error) {
      showFailure(error);
    } finally {
      form.removeAttribute("aria-busy");
      submit.removeAttribute("aria-disabled");
    }
  });

  return { form, focus: () => body.control.focus() };
}
