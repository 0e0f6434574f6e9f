// Relative times for comments, with the exact time alongside for hover and focus.
import { h } from "./dom.js";

const STEPS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeTime(date, lang, now = Date.now()) {
  const seconds = (date.getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}

// <time datetime> showing the relative time; the exact time is shown on hover and focus.
export function timeElement(iso, lang) {
  const date = new Date(iso);
  const exact = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" }).format(
    date,
  );
  return h(
    "span",
    { class: "when" },
    h("time", { datetime: iso, title: exact }, relativeTime(date, lang)),
    h("span", { class: "exact" }, ` (${exact})`),
  );
}

const REFRESH_MS = 60_000;

// Relative times grow stale on a page left open: renew every <time> in root each minute while
// the page is visible, and at once when it comes back into view; stop once root is gone.
export function keepFresh(root, lang) {
  const renew = () => {
    if (!root.isConnected) {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", renew);
    } else if (!document.hidden) {
      for (const time of root.querySelectorAll("time[datetime]")) {
        time.textContent = relativeTime(new Date(time.dateTime), lang);
      }
    }
  };
  const timer = setInterval(renew, REFRESH_MS);
  document.addEventListener("visibilitychange", renew);
}
