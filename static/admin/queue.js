// The queue: comments to decide on, filters, bulk selection and keyboard shortcuts.
import { h, sanitisedHTML } from "../widget/dom.js";
import { timeElement } from "../widget/time.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";
import { createPagedList, focusAfterRemoval } from "./list.js";

// What each decision leads to and which statuses it applies to (as the admin API has it).
// Restore puts back the status before a moderator's spam or delete, which the API answers.
const DECISIONS = {
  approve: { label: "Approve", done: "Approved", to: "approved", from: ["pending", "spam"] },
  spam: { label: "Spam", done: "Marked as spam", to: "spam", from: ["approved", "pending"] },
  reject: {
    label: "Delete",
    done: "Deleted",
    to: "deleted",
    from: ["approved", "pending", "spam"],
  },
  restore: { label: "Restore", done: "Restored", to: null, from: ["spam", "deleted"] },
};
const SHORTCUTS = { a: "approve", s: "spam", d: "reject" };
const LANG = document.documentElement.lang;

const byId = (id) => document.getElementById(id);
const authorOf = (comment) => comment.author_name || comment.author_email || "Anonymous";
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

function fact(term, ...value) {
  return h("div", null, h("dt", null, term), h("dd", null, ...value));
}

function facts(comment) {
  const title = comment.page_title || comment.page;
  const page = /^https?:\/\//i.test(comment.page_url || "")
    ? h("a", { href: comment.page_url, rel: "noopener noreferrer", target: "_blank" }, title)
    : title;
  const flags = comment.flags.filter((flag) => !flag.resolved_at);
  return [
    fact("Site", comment.site),
    fact("Page", page),
    fact("Status", comment.status),
    comment.moderation_reason && fact("Reason held", comment.moderation_reason),
    fact("Posted", timeElement(comment.created_at, LANG)),
    fact("Email", comment.author_email || "none"),
    comment.reader_id != null && fact("Reader ID", String(comment.reader_id)),
    comment.ip_hash && fact("IP hash", h("code", null, comment.ip_hash.slice(0, 16)), "…"),
    fact(
      "Flags",
      flags.length
        ? `${plural(flags.length, "open flag")}: ${flags.map((flag) => flag.reason).join(", ")}`
        : "none",
    ),
  ];
}

export function createQueue(api, { onChange, onBan }) {
  const list = byId("queue");
  const heading = byId("queue-heading");
  const filters = byId("filters");
  const count = byId("bulk-count");
  const bulkButtons = [...document.querySelectorAll("[data-bulk]")];
  const comments = new Map();
  const selected = new Set();

  const statuses = () => filters.elements.status.value.split(",").filter(Boolean);
  const nodeOf = (id) => list.querySelector(`[data-id="${id}"]`);

  const pages = createPagedList({
    container: list,
    more: byId("queue-more"),
    empty: byId("queue-empty"),
    fetch: async (cursor) => {
      const { site, q, flagged } = filters.elements;
      const page = await api().comments({
        site: site.value.trim() || undefined,
        status: statuses(),
        q: q.value.trim() || undefined,
        flagged: flagged.checked ? "true" : undefined,
        cursor,
      });
      return { items: page.comments, next_cursor: page.next_cursor };
    },
    render: (comment) => {
      comments.set(comment.id, comment);
      return item(comment);
    },
    onError: (error) => announce(explain(error)),
  });

  function item(comment) {
    const author = authorOf(comment);
    const headingId = `comment-${comment.id}`;
    const select = h("input", {
      type: "checkbox",
      id: `select-${comment.id}`,
      checked: selected.has(comment.id),
      onchange: () => setSelected(comment.id, select.checked),
    });
    const decisions = Object.entries(DECISIONS)
      .filter(([, decision]) => decision.from.includes(comment.status))
      .map(([action, decision]) =>
        h(
          "button",
          { type: "button", onclick: () => decide([comment.id], action) },
          decision.label,
        ),
      );
    return h(
      "li",
      { class: "item", tabindex: "-1", "data-id": comment.id, "aria-labelledby": headingId },
      h(
        "div",
        { class: "item-head" },
        h("h3", { id: headingId }, `${author} on ${comment.page_title || comment.page}`),
        h(
          "label",
          { class: "select", for: select.id },
          select,
          "Select",
          h("span", { class: "visually-hidden" }, ` the comment by ${author}`),
        ),
      ),
      h("dl", { class: "facts" }, ...facts(comment).filter(Boolean)),
      sanitisedHTML(h("div", { class: "body" }), comment.body_html),
      h(
        "div",
        { class: "actions" },
        ...decisions,
        h(
          "button",
          { type: "button", "data-thread": comment.thread_id, onclick: () => toggleLock(comment) },
          comment.thread_locked ? "Unlock thread" : "Lock thread",
        ),
        h("button", { type: "button", onclick: () => onBan(comment) }, "Ban author"),
      ),
    );
  }

  function setSelected(id, on) {
    if (on) selected.add(id);
    else selected.delete(id);
    count.textContent = `${selected.size} selected`;
    for (const button of bulkButtons) button.disabled = selected.size === 0;
  }

  // After a decision a comment leaves the queue unless the filter still shows its new status.
  function settle(id, status) {
    const node = nodeOf(id);
    setSelected(id, false);
    if (!node) return;
    const wanted = statuses();
    if (wanted.length && !wanted.includes(status)) {
      comments.delete(id);
      const hadFocus = node.contains(document.activeElement);
      if (hadFocus) focusAfterRemoval(node, heading);
      else node.remove();
      byId("queue-empty").hidden = list.children.length > 0;
      return;
    }
    const comment = { ...comments.get(id), status };
    comments.set(id, comment);
    const fresh = item(comment);
    const hadFocus = node.contains(document.activeElement);
    node.replaceWith(fresh);
    if (hadFocus) fresh.focus();
  }

  async function decide(ids, action) {
    const decision = DECISIONS[action];
    let status = decision.to;
    try {
      if (ids.length === 1) ({ status } = await api().decide(ids[0], action));
      else await api().bulk(ids, action);
    } catch (error) {
      announce(explain(error));
      return;
    }
    const what =
      ids.length === 1
        ? `the comment by ${authorOf(comments.get(ids[0]))}`
        : plural(ids.length, "comment");
    // A bulk button is disabled once the selection is settled: focus goes back to the queue.
    const fromBulk = bulkButtons.includes(document.activeElement);
    for (const id of ids) settle(id, status);
    if (fromBulk) (list.firstElementChild || heading).focus();
    announce(`${decision.done}: ${what}.`);
    onChange();
  }

  async function toggleLock(comment) {
    const locked = !comments.get(comment.id).thread_locked;
    try {
      await api().thread(comment.thread_id, { locked });
    } catch (error) {
      announce(explain(error));
      return;
    }
    for (const [id, other] of comments) {
      if (other.thread_id === comment.thread_id) {
        comments.set(id, { ...other, thread_locked: locked });
      }
    }
    for (const button of list.querySelectorAll(`[data-thread="${comment.thread_id}"]`)) {
      button.textContent = locked ? "Unlock thread" : "Lock thread";
    }
    announce(`Thread on ${comment.page_title || comment.page} ${locked ? "locked" : "unlocked"}.`);
    onChange();
  }

  // Shortcuts act on the comment that has focus; never while the moderator types in a field.
  function onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const typing = "textarea, select, [contenteditable], input:not([type=checkbox])";
    if (event.target.closest(typing) || byId("workspace").hidden) return;
    const items = [...list.children];
    const current = document.activeElement.closest("#queue > .item");
    if (event.key === "j" || event.key === "k") {
      const step = event.key === "j" ? 1 : -1;
      const target = current ? items[items.indexOf(current) + step] : items[0];
      if (target) target.focus();
      event.preventDefault();
      return;
    }
    if (!current || !(event.key === "x" || event.key in SHORTCUTS)) return;
    event.preventDefault();
    const id = Number(current.dataset.id);
    if (event.key === "x") {
      const box = current.querySelector("input[type=checkbox]");
      box.checked = !box.checked;
      setSelected(id, box.checked);
      announce(`${box.checked ? "Selected" : "Unselected"}; ${selected.size} selected.`);
    } else {
      decide([id], SHORTCUTS[event.key]);
    }
  }

  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    reload().then(() => announce(`${plural(list.children.length, "comment")} shown.`));
  });
  for (const button of bulkButtons) {
    button.addEventListener("click", () => decide([...selected], button.dataset.bulk));
  }
  document.addEventListener("keydown", onKey);

  // The first page afresh; a refused token makes it throw (signing in relies on that).
  function load() {
    comments.clear();
    for (const id of [...selected]) setSelected(id, false);
    return pages.load();
  }

  const reload = () => load().catch((error) => announce(explain(error)));

  function clear() {
    pages.clear();
    filters.reset();
  }

  return { load, clear };
}
