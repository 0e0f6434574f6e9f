// Bans: the form (filled in from a queue item by "Ban author"), the active bans, lifting one.
import { h } from "../widget/dom.js";
import { timeElement } from "../widget/time.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";
import { createPagedList, focusAfterRemoval } from "./list.js";
import { choose } from "./sites.js";

const LANG = document.documentElement.lang;
const byId = (id) => document.getElementById(id);

function target(ban) {
  if (ban.email) return `email ${ban.email}`;
  if (ban.reader_id != null) return `reader ${ban.reader_id}`;
  return `IP hash ${ban.ip_hash.slice(0, 16)}…`;
}

export function createBans(api, { onChange }) {
  const form = byId("ban-form");
  const error = byId("ban-error");
  const fields = form.elements;

  const pages = createPagedList({
    container: byId("bans"),
    more: byId("bans-more"),
    empty: byId("bans-empty"),
    fetch: async (cursor) => {
      const page = await api().bans({ active: "true", cursor });
      return { items: page.bans, next_cursor: page.next_cursor };
    },
    render: row,
    onError: (failure) => announce(explain(failure)),
  });

  function row(ban) {
    const lift = h(
      "button",
      { type: "button", onclick: () => liftBan(ban, tr) },
      "Lift",
      h("span", { class: "visually-hidden" }, ` the ban on ${target(ban)}`),
    );
    const tr = h(
      "tr",
      null,
      h("td", null, ban.site),
      h("td", null, target(ban)),
      h("td", null, ban.reason || "none given"),
      h("td", null, ban.expires_at ? timeElement(ban.expires_at, LANG) : "never"),
      h("td", null, timeElement(ban.created_at, LANG)),
      h("td", null, lift),
    );
    return tr;
  }

  async function liftBan(ban, tr) {
    try {
      await api().lift(ban.id);
    } catch (failure) {
      announce(explain(failure));
      return;
    }
    focusAfterRemoval(tr, byId("active-bans"), (sibling) => sibling.querySelector("button"));
    byId("bans-empty").hidden = byId("bans").children.length > 0;
    announce(`Lifted the ban on ${target(ban)}.`);
    onChange();
  }

  function refuse(message, field) {
    error.textContent = message;
    if (field) {
      field.setAttribute("aria-invalid", "true");
      field.focus();
    }
  }

  async function submit(event) {
    event.preventDefault();
    for (const field of [fields.site, fields.value]) field.removeAttribute("aria-invalid");
    const kind = fields.kind.value;
    const value = fields.value.value.trim();
    if (!fields.site.value) return refuse("Choose the site the ban applies to.", fields.site);
    if (!value) return refuse("Give the email, reader ID or IP hash to ban.", fields.value);
    if (kind === "reader_id" && !/^\d+$/.test(value)) {
      return refuse("A reader ID is a whole number.", fields.value);
    }
    const expires = fields.expires.value;
    let ban;
    try {
      ban = await api().ban({
        site: fields.site.value,
        [kind]: kind === "reader_id" ? Number(value) : value,
        reason: fields.reason.value.trim() || undefined,
        expires_at: expires ? new Date(expires).toISOString() : undefined,
      });
    } catch (failure) {
      return refuse(explain(failure), null);
    }
    error.textContent = "";
    form.reset();
    await pages.load().catch((failure) => announce(explain(failure)));
    announce(`Banned ${target(ban)} from ${ban.site}.`);
    onChange();
  }

  // "Ban author" on a queue item: the strongest identity the comment has, then the reason.
  function prefill(comment) {
    const [kind, value] = comment.author_email
      ? ["email", comment.author_email]
      : comment.reader_id != null
        ? ["reader_id", String(comment.reader_id)]
        : ["ip_hash", comment.ip_hash || ""];
    choose(fields.site, comment.site);
    fields.kind.value = kind;
    fields.value.value = value;
    error.textContent = "";
    fields.reason.focus();
    announce("The ban form is filled in: give a reason, then press Ban.");
  }

  form.addEventListener("submit", submit);
  function clear() {
    pages.clear();
    form.reset();
    error.textContent = "";
  }

  return { load: () => pages.load(), clear, prefill };
}
