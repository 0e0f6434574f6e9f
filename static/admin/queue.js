// The queue: comments to decide on, edit, pin or purge; filters, bulk selection, shortcuts.
import { h, sanitisedHTML } from "../widget/dom.js";
import { timeElement } from "../widget/time.js";
import { announce } from "./announce.js";
import { explain } from "./api.js";
import { createPagedList, dayRange, focusAfterRemoval } from "./list.js";

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
  purge: { label: "Purge", done: "Purged", to: null, from: [] },
};
const SHORTCUTS = { a: "approve", s: "spam", d: "reject" };
const LANG = document.documentElement.lang;

const byId = (id) => document.getElementById(id);
const authorOf = (comment) => comment.author_name || comment.author_email || "Anonymous";
const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;
const pageOf = (comment) => comment.page_title || comment.page;
// Only an approved top-level comment can be pinned (as the admin API has it).
const pinnable = (comment) => comment.status === "approved" && comment.depth === 0;
const pinLabel = (comment) =>
  comment.thread_pinned_comment_id === comment.id ? "Unpin comment" : "Pin comment";

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
      const { site, q, author, since, until, flagged } = filters.elements;
      const page = await api().comments({
        site: site.value || undefined,
        status: statuses(),
        q: q.value.trim() || undefined,
        author: author.value.trim() || undefined,
        ...dayRange(since.value, until.value),
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
    const body = sanitisedHTML(h("div", { class: "body" }), comment.body_html);
    const editButton =
      comment.status !== "deleted" &&
      h(
        "button",
        { type: "button", "data-edit": comment.id, onclick: () => openEditor(comment.id, body) },
        "Edit",
      );
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
      body,
      h(
        "div",
        { class: "actions" },
        ...decisions,
        editButton,
        pinnable(comment) &&
          h(
            "button",
            { type: "button", "data-pin": comment.thread_id, onclick: () => togglePin(comment) },
            pinLabel(comment),
          ),
        h(
          "button",
          { type: "button", "data-thread": comment.thread_id, onclick: () => toggleLock(comment) },
          comment.thread_locked ? "Unlock thread" : "Lock thread",
        ),
        h("button", { type: "button", onclick: () => onBan(comment) }, "Ban author"),
        h(
          "button",
          { type: "button", class: "danger", onclick: () => decide([comment.id], "purge") },
          "Purge",
        ),
      ),
    );
  }

  function setSelected(id, on) {
    if (on) selected.add(id);
    else selected.delete(id);
    count.textContent = `${selected.size} selected`;
    for (const button of bulkButtons) button.disabled = selected.size === 0;
  }

  function remove(id) {
    const node = nodeOf(id);
    setSelected(id, false);
    comments.delete(id);
    if (!node) return;
    if (node.contains(document.activeElement)) focusAfterRemoval(node, heading);
    else node.remove();
    byId("queue-empty").hidden = list.children.length > 0;
  }

  // Draw a comment again from `changes`, keeping focus where it was (or on `focus` in it).
  function redraw(id, changes, focus) {
    const node = nodeOf(id);
    const comment = { ...comments.get(id), ...changes };
    comments.set(id, comment);
    if (!node) return;
    const fresh = item(comment);
    const hadFocus = node.contains(document.activeElement);
    node.replaceWith(fresh);
    if (focus) (fresh.querySelector(focus) || fresh).focus();
    else if (hadFocus) fresh.focus();
  }

  // After a decision a comment leaves the queue unless the filter still shows its new status.
  function settle(id, status) {
    const wanted = statuses();
    if (status === "purged" || (wanted.length && !wanted.includes(status))) remove(id);
    else {
      setSelected(id, false);
      redraw(id, { status });
    }
  }

  // A purge cannot be undone: a native dialog asks first, with Cancel focused.
  function confirmPurge(what) {
    const dialog = byId("purge-dialog");
    byId("purge-what").textContent = `Purge ${what}?`;
    dialog.returnValue = "";
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.addEventListener("close", () => resolve(dialog.returnValue === "purge"), {
        once: true,
      });
    });
  }

  async function decide(ids, action) {
    const decision = DECISIONS[action];
    const what =
      ids.length === 1
        ? `the comment by ${authorOf(comments.get(ids[0]))}`
        : plural(ids.length, "comment");
    const opener = document.activeElement;
    // A bulk button is disabled once the selection is settled: focus goes back to the queue.
    const fromBulk = bulkButtons.includes(opener);
    if (action === "purge" && !(await confirmPurge(what))) {
      opener?.focus();
      announce("Nothing was purged.");
      return;
    }
    let status = action === "purge" ? "purged" : decision.to;
    try {
      if (ids.length > 1) await api().bulk(ids, action);
      else if (action === "purge") await api().purge(ids[0]);
      else ({ status } = await api().decide(ids[0], action));
    } catch (error) {
      announce(explain(error));
      opener?.focus();
      return;
    }
    if (status === null) {
      // Restored in bulk: each comment goes back to its own earlier status, so ask again.
      await load().catch((error) => announce(explain(error)));
    } else {
      if (action === "purge" && !fromBulk) opener.focus();
      for (const id of ids) settle(id, status);
    }
    if (fromBulk || !list.contains(document.activeElement)) {
      (list.firstElementChild || heading).focus();
    }
    announce(`${decision.done}: ${what}.`);
    onChange();
  }

  // Edit in place: the Markdown in a text area, saved through the API, which renders it again.
  function openEditor(id, body) {
    const comment = comments.get(id);
    const author = authorOf(comment);
    const field = h("textarea", {
      id: `edit-${id}`,
      rows: 6,
      "aria-describedby": `edit-error-${id}`,
    });
    field.value = comment.body_markdown;
    const error = h("p", { id: `edit-error-${id}`, class: "error", role: "alert" });
    const close = (message) => {
      redraw(id, {}, `[data-edit="${id}"]`);
      announce(message);
    };
    const form = h(
      "form",
      { class: "edit", novalidate: true },
      h(
        "label",
        { for: field.id },
        "Text (Markdown)",
        h("span", { class: "visually-hidden" }, ` of the comment by ${author}`),
      ),
      field,
      error,
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          { type: "submit" },
          "Save",
          h("span", { class: "visually-hidden" }, " the edit"),
        ),
        h(
          "button",
          { type: "button", onclick: () => close("Edit cancelled.") },
          "Cancel",
          h("span", { class: "visually-hidden" }, " the edit"),
        ),
      ),
    );
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close("Edit cancelled.");
      }
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      let saved;
      try {
        saved = await api().edit(id, field.value);
      } catch (failure) {
        error.textContent = explain(failure);
        field.setAttribute("aria-invalid", "true");
        field.focus();
        return;
      }
      comments.set(id, saved);
      close(`Saved the edit to the comment by ${author}.`);
      onChange();
    });
    body.replaceWith(form);
    nodeOf(id).querySelector(`[data-edit="${id}"]`).disabled = true;
    field.focus();
    announce(`Editing the comment by ${author}.`);
  }

  async function togglePin(comment) {
    const current = comments.get(comment.id);
    const pinned = current.thread_pinned_comment_id === comment.id ? null : comment.id;
    try {
      await api().thread(comment.thread_id, { pinned_comment_id: pinned });
    } catch (error) {
      announce(explain(error));
      return;
    }
    for (const [id, other] of comments) {
      if (other.thread_id === comment.thread_id) {
        comments.set(id, { ...other, thread_pinned_comment_id: pinned });
      }
    }
    for (const button of list.querySelectorAll(`[data-pin="${comment.thread_id}"]`)) {
      button.textContent = pinLabel(comments.get(Number(button.closest(".item").dataset.id)));
    }
    const what = `the comment by ${authorOf(current)} on ${pageOf(current)}`;
    announce(`${pinned ? "Pinned" : "Unpinned"} ${what}.`);
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
