// One polite live region tells screen reader users the outcome of every action.
let timer;

export function announce(message) {
  const region = document.getElementById("announcer");
  region.textContent = "";
  // Set after a beat, so that the same message twice in a row is read twice.
  clearTimeout(timer);
  timer = setTimeout(() => {
    region.textContent = message;
  }, 50);
}
