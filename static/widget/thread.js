// The thread: comments with nested replies, votes, and reply, edit and delete on one's own.
import { h, sanitisedHTML, uid } from "./dom.js";
import { commentForm } from "./form.js";
import { timeElement } from "./time.js";

// The service's identicon (or Gravatar, where the site chose it): decorative, as the name
// beside it says who wrote. Without an identity, or if the image cannot load, the initial.
function avatar(comment, name) {
  const initial = () =>
    h(
      "span",
      { class: "avatar", part: "avatar", "aria-hidden": "true" },
      (name.trim()[0] || "?").toUpperCase(),
    );
  if (!comment.avatar) return initial();
  const image = h("img", {
    class: "avatar",
    part: "avatar",
    src: comment.avatar,
    alt: "",
    width: "32",
    height: "32",
    loading: "lazy",
    decoding: "async",
  });
  image.addEventListener("error", () => image.replaceWith(initial()), { once: true });
  return image;
}

export function createThread(ctx) {
  const { t, own } = ctx;
  const list = h("ol", { class: "thread", part: "thread" });
  const items = new Map(); // comment id -> { comment, li, article, body, replies, form }

  function button(label, onclick, extra) {
    return h("button", { type: "button", part: "button", onclick, ...extra }, label);
  }

  function votes(comment) {
    const score = h("span", { class: "score" }, t("score", { n: comment.score }));
    if (own.get(comment.id)) return h("div", { class: "votes" }, score);
    const make = (value, glyph, label) =>
      h(
        "button",
        {
          type: "button",
          class: "vote",
          part: "button vote",
          "aria-pressed": String(own.vote(comment.id) === value),
          onclick: () => cast(value),
        },
        h("span", { "aria-hidden": "true" }, glyph),
        h("span", { class: "visually-hidden" }, label),
      );
    const up = make(1, "▲", t("upvote"));
    const down = make(-1, "▼", t("downvote"));
    async function cast(value) {
      const next = own.vote(comment.id) === value ? 0 : value;
      try {
        const updated = await ctx.api.vote(comment.id, next);
        own.setVote(comment.id, next);
        up.setAttribute("aria-pressed", String(next === 1));
        down.setAttribute("aria-pressed", String(next === -1));
        score.textContent = t("score", { n: updated.score });
      } catch (error) {
        ctx.fail(error);
      }
    }
    return h("div", { class: "votes" }, up, score, down);
  }

  function actions(comment, entry) {
    const bar = h("div", { class: "actions" });
    if (comment.status !== "approved" && comment.status !== "pending") return bar;
    if (comment.status === "approved") bar.append(votes(comment));
    if (comment.status === "approved" && !ctx.locked) {
      const reply = button(t("reply"), () => openReply(comment, entry, reply));
      bar.append(reply);
    }
    if (own.editable(comment.id)) {
      const edit = button(t("edit"), () => openEdit(comment, entry, edit));
      const remove = button(t("delete"), () => confirmDelete(comment, entry, bar));
      bar.append(edit, remove);
    }
    return bar;
  }

  function article(entry) {
    const { comment } = entry;
    const name = comment.author_name || t("anonymous");
    const nameId = uid("author");
    if (comment.status === "deleted") {
      return h(
        "article",
        { class: "comment deleted", part: "comment", tabindex: "-1" },
        h("p", { class: "placeholder" }, t("deleted")),
      );
    }
    // Only web links: an imported or future record must never make a script URL clickable.
    const author = /^https?:\/\//i.test(comment.author_website || "")
      ? h("a", { href: comment.author_website, rel: "nofollow ugc noopener noreferrer" }, name)
      : name;
    // What readers wrote takes its direction from its own text, whatever the interface language.
    const body = sanitisedHTML(
      h("div", { class: "body", part: "body", dir: "auto" }),
      comment.body_html,
    );
    const node = h(
      "article",
      { class: "comment", part: "comment", tabindex: "-1", "aria-labelledby": nameId },
      h(
        "header",
        { class: "meta" },
        avatar(comment, name),
        h("span", { class: "author", id: nameId, dir: "auto" }, author),
        timeElement(comment.created_at, ctx.lang),
        comment.edited_at && h("span", { class: "edited" }, t("edited")),
        comment.status === "pending" && h("span", { class: "badge", part: "badge" }, t("pending")),
      ),
      body,
    );
    entry.body = body;
    node.append(actions(comment, entry));
    return node;
  }

  function item(comment) {
    const li = h("li", { class: "item" });
    const replies = h("ol", { class: "replies" });
    const entry = { li, replies, comment };
    items.set(comment.id, entry);
    entry.article = article(entry);
    li.append(entry.article, replies);
    replies.append(...(comment.replies || []).map(item));
    return li;
  }

  function replace(entry, comment) {
    entry.comment = { ...entry.comment, ...comment };
    const fresh = article(entry);
    entry.article.replaceWith(fresh);
    entry.article = fresh;
  }

  // A form opened under a comment: one at a time per comment, closed by Cancel or success.
  function openForm(entry, opener, options) {
    if (entry.form) return entry.form.focus();
    const close = () => {
      entry.form.form.remove();
      entry.form = null;
    };
    entry.form = commentForm(ctx, {
      ...options,
      cancel: () => {
        close();
        opener.focus();
      },
      done: (result, values) => {
        close();
        options.done(result, values);
      },
    });
    entry.article.after(entry.form.form);
    entry.form.focus();
  }

  function openReply(comment, entry, opener) {
    openForm(entry, opener, {
      mode: "reply",
      label: t("replyBody", { name: comment.author_name || t("anonymous") }),
      submitLabel: t("postReply"),
      send: (values, key) => ctx.post({ ...values, parent_id: comment.id }, key),
      done: (result, values) => ctx.posted(result, values.body),
    });
  }

  function openEdit(comment, entry, opener) {
    openForm(entry, opener, {
      mode: "edit",
      label: t("editBody"),
      submitLabel: t("save"),
      value: own.get(comment.id)?.body ?? entry.body.textContent,
      send: (values) => ctx.api.edit(comment.id, values.body),
      done: (result, values) => {
        own.remember(result, ctx.page.key, values.body);
        replace(entry, result);
        entry.article.focus();
        ctx.announce(t("updated"));
      },
    });
  }

  function confirmDelete(comment, entry, bar) {
    const keep = button(t("keep"), () => {
      question.replaceWith(bar);
      bar.querySelector("button:last-child").focus();
    });
    const yes = button(
      t("confirm"),
      async () => {
        try {
          await ctx.api.remove(comment.id);
        } catch (error) {
          return ctx.fail(error);
        }
        own.forget(comment.id);
        if (comment.status === "approved") ctx.changeCount(-1);
        let focus;
        if (entry.replies.children.length) {
          replace(entry, { status: "deleted" });
          focus = entry.article;
        } else {
          const sibling = entry.li.nextElementSibling || entry.li.previousElementSibling;
          focus = sibling
            ? sibling.querySelector("article")
            : entry.li.parentElement.closest("li")?.querySelector("article");
          items.delete(comment.id);
          entry.li.remove();
        }
        ctx.announce(t("removed"));
        (focus || ctx.heading).focus();
        ctx.refreshEmpty();
      },
      { class: "danger" },
    );
    const question = h(
      "div",
      { class: "actions confirm", role: "group", "aria-label": t("confirmDelete") },
      h("span", {}, t("confirmDelete")),
      yes,
      keep,
    );
    bar.replaceWith(question);
    yes.focus();
  }

  return {
    list,
    render(comments) {
      items.clear();
      list.replaceChildren(...comments.map(item));
    },
    append: (comments) => comments.map((comment) => list.appendChild(item(comment))),
    // Place a new comment under its parent (the service may pick a shallower one), or on top.
    insert(comment, first) {
      const parent = items.get(comment.parent_id);
      const li = item({ ...comment, replies: [] });
      if (parent) parent.replies.append(li);
      else if (first) list.prepend(li);
      else list.append(li);
      return items.get(comment.id).article;
    },
  };
}
