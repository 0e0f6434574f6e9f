// What this browser remembers about its reader: own comments (to edit, delete, or show while
// held for moderation) and own votes. The service keeps no per-reader view of a thread.

// Long enough for a held comment to be approved; own comments also stay unvotable meanwhile.
const KEPT_MS = 7 * 24 * 3600 * 1000;

export function createOwn(storage) {
  const load = (name) => storage.get(name) || {};
  const save = (name, data) => storage.set(name, data);

  const own = load("own");
  for (const [id, entry] of Object.entries(own)) {
    if (!(Date.now() - Date.parse(entry.created) < KEPT_MS)) delete own[id];
  }
  save("own", own);

  return {
    get: (id) => load("own")[id],
    editable: (id) => Date.parse(load("own")[id]?.until) > Date.now(),
    remember(comment, page, body) {
      const data = load("own");
      data[comment.id] = {
        page,
        body,
        created: comment.created_at,
        until: comment.editable_until,
        pending: comment.status === "pending" ? comment : undefined,
      };
      save("own", data);
    },
    forget(id) {
      const data = load("own");
      delete data[id];
      save("own", data);
    },
    // Own comments still held on this page, minus any the thread now shows.
    pending(page, shown) {
      const data = load("own");
      const held = [];
      for (const [id, entry] of Object.entries(data)) {
        if (!entry.pending || entry.page !== page) continue;
        if (shown.has(Number(id))) delete entry.pending;
        else held.push(entry.pending);
      }
      save("own", data);
      return held;
    },
    vote: (id) => load("votes")[id] || 0,
    setVote(id, value) {
      const data = load("votes");
      if (value) data[id] = value;
      else delete data[id];
      save("votes", data);
    },
  };
}
