// Stepping (storymap/assets/reader/stepping.js) with the keys the steps file carries
// (storymap/render/keys.py): which section comes next or before for a key, held at the ends.
import assert from "node:assert/strict";
import {test} from "node:test";
import {load, python} from "./load.mjs";

const {stepping} = load("reader/stepping.js");
const KEYS = python("import json; from storymap.render.keys import key_moves; print(json.dumps(key_moves()))");
const IDS = ["opening", "iran", "france", "ending"];

function after(key, from) {
  return stepping.neighbour(IDS, from, stepping.moveFor(KEYS, key));
}

test("each stepping key moves one section on or back", () => {
  for (const key of ["ArrowRight", "j", "PageDown"]) { assert.equal(after(key, "iran"), "france", key); }
  for (const key of ["ArrowLeft", "k", "PageUp"]) { assert.equal(after(key, "iran"), "opening", key); }
});

test("Home and End go to the ends", () => {
  assert.equal(after("Home", "france"), "opening");
  assert.equal(after("End", "iran"), "ending");
});

test("a step past either end stays there", () => {
  assert.equal(after("ArrowRight", "ending"), "ending");
  assert.equal(after("k", "opening"), "opening");
  assert.equal(stepping.neighbour(["only"], "only", "next"), "only");
});

test("a section the story does not have counts as the first", () => {
  assert.equal(stepping.neighbour(IDS, "gone", "next"), "iran");
});

test("other keys step nothing, nor do the names of the table's own properties", () => {
  for (const key of ["a", "Enter", " ", "Escape", "toString", "constructor"]) {
    assert.equal(stepping.moveFor(KEYS, key), null, key);
  }
});

test("keys typed into a field are the field's", () => {
  assert.equal(stepping.typing({tagName: "INPUT"}), true);
  assert.equal(stepping.typing({tagName: "DIV", isContentEditable: true}), true);
  assert.equal(stepping.typing({tagName: "BUTTON"}), false);
  assert.equal(stepping.typing(null), false);
});
