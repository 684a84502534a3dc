import { spawn } from "node:child_process";
import { once } from "node:events";

const BARE = `
  const http = require("node:http");
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    res.end('{"status":"ok"}');
  });
  server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

/** The baseline of the load benches: a bare node:http server answering `{"status":"ok"}`. */
export async function startBare() {
  const child = spawn(process.execPath, ["-e", BARE], { stdio: ["ignore", "pipe", "inherit"] });
  const [chunk] = (await once(child.stdout!, "data")) as [Buffer];
  return { child, base: `http://127.0.0.1:${chunk.toString().trim()}` };
}
