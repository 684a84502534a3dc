/**
 * A synthetic provincial one-stop export (CSV: Vietnamese headers, dd/mm/yyyy HH:mm dates, state
 * and channel words) for the demo's Phường Bãi Cháy, as the bulk dossier import reads it.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

const PROCEDURES = ["1.001193", "1.000894", "1.000656", "1.004873"];
const STATES: [string, number][] = [
  ["Đã trả kết quả", 0.6],
  ["Đã có kết quả", 0.15],
  ["Đang giải quyết", 0.15],
  ["Đã tiếp nhận", 0.05],
  ["Từ chối giải quyết", 0.05],
];
const CHANNELS = ["Trực tiếp", "Trực tuyến", "Trực tuyến", "Bưu chính công ích"];
const NAMES = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Hoàng Cường",
  "Phạm Thu Dung",
  "Hoàng Quốc Việt",
];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const dmy = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;

/**
 * Writes a one-stop export of `rows` dossiers for Phường Bãi Cháy (demo unit 06658) to `file`.
 * Codes number each day's dossiers from `firstSerial` (5001, above the demo's own numbers): two
 * files with serial ranges apart hold no code in common.
 */
export async function generateDossierExport(rows: number, file: string, firstSerial = 5001) {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  await write(
    "Mã hồ sơ,Mã TTHC,Tên người nộp,Số điện thoại,Kênh nộp,Ngày tiếp nhận,Hạn xử lý,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Số hóa\n",
  );
  // Phường Bãi Cháy exists from 01/07/2025: dossiers dated before are refused (UNIT_NOT_VALID_ON_DATE).
  const start = Date.UTC(2025, 6, 1);
  const perDay = Math.max(1, Math.ceil(rows / 500));
  let chunk = "";
  for (let i = 0; i < rows; i += 1) {
    const day = Math.floor(i / perDay);
    const received = new Date(start + day * 86_400_000 + (7 * 60 + (i % 600)) * 60_000);
    const code = `000.01.22.H99-${String(received.getUTCFullYear()).slice(2)}${pad(received.getUTCMonth() + 1)}${pad(received.getUTCDate())}-${pad((i % perDay) + firstSerial, 4)}`;
    const due = new Date(received.getTime() + (5 + (i % 10)) * 86_400_000);
    let pick = ((i * 7919) % 1000) / 1000;
    let state = STATES[0]![0];
    for (const [name, share] of STATES) {
      if (pick < share) {
        state = name;
        break;
      }
      pick -= share;
    }
    const finished = new Date(received.getTime() + (2 + (i % 12)) * 86_400_000 + 3_600_000);
    const returned = new Date(finished.getTime() + 86_400_000);
    const isFinished =
      state === "Đã trả kết quả" || state === "Đã có kết quả" || state === "Từ chối giải quyết";
    chunk +=
      [
        code,
        PROCEDURES[i % PROCEDURES.length],
        `${NAMES[i % NAMES.length]} ${i}`,
        `09${pad(i % 100_000_000, 8)}`,
        CHANNELS[i % CHANNELS.length],
        `${dmy(received)} ${hm(received)}`,
        dmy(due),
        isFinished ? `${dmy(finished)} ${hm(finished)}` : "",
        state === "Đã trả kết quả" ? `${dmy(returned)} ${hm(returned)}` : "",
        state,
        i % 3 === 0 ? "x" : "",
      ].join(",") + "\n";
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = "";
    }
  }
  await write(chunk);
  out.end();
  await once(out, "finish");
}
