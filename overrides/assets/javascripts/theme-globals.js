// The storage helpers Material's bundle expects as globals (Material 9.8.2 writes them as an
// inline script in partials/javascripts/base.html; ours is a file, because the site's
// Content-Security-Policy allows no inline script). Behaviour as Material's: values are
// kept under the site's own path, and a browser that refuses storage is not an error.
// This file sits in assets/javascripts/, two folders below the site's root.
var __md_scope = new URL("../..", document.currentScript.src);

function __md_hash(value) {
  return [...value].reduce(function (hash, char) {
    return (hash << 5) - hash + char.charCodeAt(0);
  }, 0);
}

function __md_get(key, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  return JSON.parse(storage.getItem(scope.pathname + "." + key));
}

function __md_set(key, value, storage, scope) {
  storage = storage || localStorage;
  scope = scope || __md_scope;
  try {
    storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
  } catch (error) {
    // Storage full or refused (private browsing): the theme works without it.
  }
}
