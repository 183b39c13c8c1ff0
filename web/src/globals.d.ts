// Replaced at build time by the minified stylesheet (scripts/build.mjs).
declare const __CSS__: string;
