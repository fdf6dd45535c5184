// Draws the extension icon (an "export" arrow on Classroom green) into public/icon/<size>.png.
// Hand-written PNG encoding with node:zlib keeps this free of image dependencies; the output is
// committed, so this only runs when the design changes: `node scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const GREEN = [24, 128, 56];
const WHITE = [255, 255, 255];

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inArrow(x, y) {
  const shaft = x >= 0.42 && x <= 0.58 && y >= 0.4 && y <= 0.7;
  const headHalfWidth = ((y - 0.16) / (0.46 - 0.16)) * 0.26;
  const head = y >= 0.16 && y <= 0.46 && Math.abs(x - 0.5) <= headHalfWidth;
  const tray = y >= 0.76 && y <= 0.84 && x >= 0.2 && x <= 0.8;
  return shaft || head || tray;
}

function pixel(px, py, size) {
  const samples = 4;
  let bg = 0;
  let fg = 0;
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < samples; j++) {
      const x = (px + (i + 0.5) / samples) / size;
      const y = (py + (j + 0.5) / samples) / size;
      if (!inRoundedSquare(x, y, 0.2)) continue;
      if (inArrow(x, y)) fg++;
      else bg++;
    }
  }
  const total = samples * samples;
  const alpha = (bg + fg) / total;
  if (alpha === 0) return [0, 0, 0, 0];
  const mix = fg / (bg + fg);
  const rgb = GREEN.map((c, k) => Math.round(c * (1 - mix) + WHITE[k] * mix));
  return [...rgb, Math.round(alpha * 255)];
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 128]) {
  writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), png(size));
}
