/* Stepping: which section a move (next, prev, first, last) leads to, and which move a key makes.
 * The keys come from the steps file (storymap/render/keys.py, the one table of them). No DOM, so
 * Node's tests read it as it is. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // The section `move` leads to from `id`, staying within the story (an unknown id counts as the first).
  function neighbour(ids, id, move) {
    const index = Math.max(0, ids.indexOf(id));
    const target = {next: index + 1, prev: index - 1, first: 0, last: ids.length - 1}[move];
    return ids[Math.max(0, Math.min(ids.length - 1, target))];
  }

  // The move a key makes (`keys`: KeyboardEvent.key → move), or null for a key that steps nothing.
  function moveFor(keys, key) {
    return Object.hasOwn(keys, key) ? keys[key] : null;
  }

  // A key typed into a field is the field's.
  function typing(target) {
    return Boolean(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
  }

  StoryMap.stepping = {neighbour, moveFor, typing};
})();
