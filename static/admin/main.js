// The moderation page: sign in with an admin token, then the queue, bans, audit and consent logs.
// Every site picker lists the token's sites.
import { announce } from "./announce.js";
import { createAdminApi, explain } from "./api.js";
import { createAudit } from "./audit.js";
import { createBans } from "./bans.js";
import { createConsentLog } from "./consent.js";
import { createQueue } from "./queue.js";
import { session } from "./session.js";
import { createSitePicker } from "./sites.js";

const byId = (id) => document.getElementById(id);
const signInForm = byId("sign-in");
const signedInOnly = [byId("workspace"), byId("nav"), byId("sign-out")];

let api = null;
let signedIn = false;
const audit = createAudit(() => api);
const bans = createBans(() => api, { onChange: audit.refresh });
const queue = createQueue(() => api, { onChange: audit.refresh, onBan: bans.prefill });
const consentLog = createConsentLog(() => api);
const sites = createSitePicker(() => api);
const views = [queue, bans, audit, consentLog, sites];

function show(workspace) {
  signInForm.hidden = workspace;
  for (const element of signedInOnly) element.hidden = !workspace;
}

function signOut(message) {
  session.clear();
  api = null;
  signedIn = false;
  for (const view of views) view.clear();
  show(false);
  byId("sign-in-error").textContent = message;
  byId("token").value = "";
  byId("token").focus();
}

// A refused token is the first call's 401: the page never shows anything without a good one.
async function signIn(token) {
  api = createAdminApi(token, () => {
    if (signedIn) signOut("Your token is no longer accepted. Sign in again.");
  });
  try {
    await queue.load();
  } catch (error) {
    api = null;
    session.clear();
    const message =
      error.status === 401
        ? "This token was refused: it is unknown or revoked. Check it and try again."
        : explain(error);
    byId("sign-in-error").textContent = message;
    return false;
  }
  session.set(token);
  signedIn = true;
  byId("sign-in-error").textContent = "";
  show(true);
  await Promise.all([sites.load(), bans.load(), audit.load()]).catch((error) =>
    announce(explain(error)),
  );
  return true;
}

signInForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const field = byId("token");
  const token = field.value.trim();
  if (!token) {
    byId("sign-in-error").textContent = "Paste your admin token to sign in.";
    field.focus();
    return;
  }
  if (await signIn(token)) {
    field.value = "";
    byId("queue-heading").focus();
    announce("Signed in.");
  } else {
    field.focus();
  }
});

byId("sign-out").addEventListener("click", () => {
  signOut("");
  announce("Signed out.");
});

const stored = session.get();
if (stored) signIn(stored);
else show(false);
