// eslint for the browser code (storymap/assets/) and the tests' JavaScript: `make lint`.
import js from "@eslint/js";
import globals from "globals";

// One dialect: const and let, arrow functions for callbacks, function declarations for the rest.
const dialect = {
  "no-var": "error",
  "prefer-const": "error",
  "prefer-arrow-callback": "error",
  "func-style": ["error", "declaration", {allowArrowFunctions: true}],
  "object-shorthand": "error",
  "prefer-template": "error",
  eqeqeq: "error",
};

export default [
  {ignores: ["**/node_modules/", ".venv/", "site/", "static/", "artifacts/", "run/"]},
  js.configs.recommended,
  {
    // Plain scripts, each wrapped in a strict arrow function that adds its part to the one
    // `StoryMap` namespace (embed.js: `storymapEmbed`, the name articles call).
    files: ["storymap/assets/**/*.js"],
    languageOptions: {sourceType: "script", globals: {...globals.browser, L: "readonly"}},
    rules: {...dialect, strict: ["error", "function"], "no-implicit-globals": "error"},
  },
  {
    files: ["tests/**/*.mjs", "eslint.config.js"],
    languageOptions: {sourceType: "module", globals: globals.node},
    rules: dialect,
  },
];
