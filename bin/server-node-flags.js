// The V8 flags `cchc serve` runs with (also in package.json's `start` and bin/cchc.js's first
// line, which cannot import this): a young generation of 64 MB semi-spaces instead of 16. With
// 50 register pages in flight, their rows outlived the young generation's collections and were
// copied by each: 28 % of the server's CPU went to garbage collection (10 M dossiers, 50
// clients: 2.3 → 1.0 ms of CPU a page, 508 → 987 pages a second). Benches that stand in for the
// server, or start it, use the same.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
