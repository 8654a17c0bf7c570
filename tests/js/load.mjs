// The browser's files as the browser runs them: plain scripts that add their parts to the global
// `StoryMap`. Run here in Node's own global (each test file is a process of its own), so what they
// return compares with the test's own arrays and objects.
import {execFileSync} from "node:child_process";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import vm from "node:vm";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// Run storymap/assets/<file> for each file given, in order; the namespace they built.
export function load(...files) {
  for (const file of files) {
    const path = `${ROOT}storymap/assets/${file}`;
    vm.runInThisContext(readFileSync(path, "utf8"), {filename: path});
  }
  return globalThis.StoryMap;
}

// What a snippet of Python (run with the project's interpreter, from the repo's root) prints as JSON.
export function python(source) {
  return JSON.parse(execFileSync(`${ROOT}.venv/bin/python`, ["-c", source], {cwd: ROOT, encoding: "utf8"}));
}
