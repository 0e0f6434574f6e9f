// The admin token lives in sessionStorage: it is gone when the tab closes or on sign-out.
const KEY = "widget:admin-token";

export const session = {
  get() {
    try {
      return sessionStorage.getItem(KEY);
    } catch {
      return null;
    }
  },
  set(token) {
    try {
      sessionStorage.setItem(KEY, token);
    } catch {
      // Storage refused: the moderator stays signed in until the page is reloaded.
    }
  },
  clear() {
    try {
      sessionStorage.removeItem(KEY);
    } catch {
      // Nothing was stored.
    }
  },
};
