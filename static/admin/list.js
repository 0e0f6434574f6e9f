// A list loaded a page at a time, newest first, with a "Load more" button.
export function createPagedList({ container, more, empty, fetch, render, onError }) {
  let cursor = null;

  async function load(next = false) {
    const page = await fetch(next ? cursor : undefined);
    if (!next) container.replaceChildren();
    container.append(...page.items.map(render));
    cursor = page.next_cursor;
    more.hidden = !cursor;
    if (empty) empty.hidden = container.children.length > 0;
  }

  more.addEventListener("click", () => load(true).catch(onError));
  return { load, clear: () => container.replaceChildren() };
}

// The row or item to focus once `node` leaves: the next, else the previous, else `fallback`.
export function focusAfterRemoval(node, fallback, pick = (sibling) => sibling) {
  const neighbour = node.nextElementSibling || node.previousElementSibling;
  node.remove();
  (neighbour ? pick(neighbour) : fallback).focus();
}

// Two date fields (local days, both included) as the API's `since` and `until` instants.
export function dayRange(from, until) {
  const midnight = (day, after = 0) => {
    const date = new Date(`${day}T00:00`);
    date.setDate(date.getDate() + after);
    return date.toISOString();
  };
  return {
    since: from ? midnight(from) : undefined,
    until: until ? midnight(until, 1) : undefined,
  };
}
