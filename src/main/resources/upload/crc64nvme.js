// CRC-64/NVME (S3's checksumCrc64Nvme), streamed over slices of a File: WebCrypto has no incremental SHA-256, so a
// SHA-256 would need the whole file in memory. Two 32-bit halves instead of BigInt: BigInt per byte is far too slow.
const TABLE_LO = new Uint32Array(256);
const TABLE_HI = new Uint32Array(256);
for (let i = 0; i < 256; i++) {
  let lo = i;
  let hi = 0;
  for (let bit = 0; bit < 8; bit++) {
    const odd = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (odd) {
      // reflected polynomial 0x9A6C9329AC4BC9B5
      lo = (lo ^ 0xAC4BC9B5) >>> 0;
      hi = (hi ^ 0x9A6C9329) >>> 0;
    }
  }
  TABLE_LO[i] = lo;
  TABLE_HI[i] = hi;
}

export class Crc64Nvme {
  constructor() {
    this.lo = 0xFFFFFFFF;
    this.hi = 0xFFFFFFFF;
  }

  update(bytes) {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = 0; i < bytes.length; i++) {
      const index = (lo ^ bytes[i]) & 0xFF;
      lo = (((lo >>> 8) | (hi << 24)) ^ TABLE_LO[index]) >>> 0;
      hi = ((hi >>> 8) ^ TABLE_HI[index]) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
    return this;
  }

  /** The value as S3 gives it: 8 bytes big-endian, base64. */
  base64() {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, ~this.hi >>> 0);
    view.setUint32(4, ~this.lo >>> 0);
    return btoa(String.fromCharCode(...bytes));
  }
}

/** The file's checksum, read 8 MiB at a time; onProgress(bytesRead). */
export async function crc64NvmeOfFile(file, onProgress = () => {}) {
  const crc = new Crc64Nvme();
  const slice = 8 * 1024 * 1024;
  for (let from = 0; from < file.size; from += slice) {
    crc.update(new Uint8Array(await file.slice(from, from + slice).arrayBuffer()));
    onProgress(Math.min(from + slice, file.size));
  }
  return crc.base64();
}
