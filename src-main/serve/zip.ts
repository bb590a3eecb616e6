/**
 * A streaming ZIP writer: entries are STOREd (objects are mostly compressed already, and storing keeps the
 * CPU free), each followed by a data descriptor, since its CRC-32 is known only once its bytes have passed.
 * ZIP64 records are written for an entry of 4 GiB or more (or of unknown size), for offsets past 4 GiB and
 * for more than 65,535 entries (APPNOTE 6.3.10, sections 4.3.9 and 4.5.3).
 */
import { crc32 } from 'node:zlib';

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
/** General purpose flags: bit 3 (sizes and CRC in a data descriptor), bit 11 (names are UTF-8). */
const FLAGS = 0x0808;
/** "Made by" Unix (3) with spec version 4.5, so the mode bits in the external attributes are read. */
const MADE_BY = (3 << 8) | 45;

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  size: number;
  zip64: boolean;
  directory: boolean;
  time: number;
  date: number;
}

/** Where the zip's bytes go; resolves once they may be followed by more (backpressure). */
export type ZipSink = (chunk: Buffer) => Promise<void>;

export interface ZipOptions {
  /** Writes ZIP64 records for every entry and the end (tests use it to check them on small archives). */
  forceZip64?: boolean;
}

/** MS-DOS date and time (local time, two-second steps; the format starts in 1980). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** Writes one archive, entry after entry, to `sink`. */
export class ZipWriter {
  readonly #sink: ZipSink;
  readonly #force: boolean;
  readonly #entries: Written[] = [];
  #offset = 0;

  constructor(sink: ZipSink, options: ZipOptions = {}) {
    this.#sink = sink;
    this.#force = options.forceZip64 ?? false;
  }

  /** Bytes written so far. */
  get offset(): number {
    return this.#offset;
  }

  async #write(chunk: Buffer): Promise<void> {
    this.#offset += chunk.length;
    await this.#sink(chunk);
  }

  /** An empty folder (`name` ends with `/`). */
  async directory(name: string, modified: Date): Promise<void> {
    await this.file(name.endsWith('/') ? name : `${name}/`, 0, modified, []);
  }

  /**
   * One file. `size` is what the entry is expected to hold (null when unknown): from 4 GiB on, or unknown,
   * the entry gets ZIP64 sizes.
   */
  async file(
    name: string,
    size: number | null,
    modified: Date,
    body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<void> {
    const encoded = Buffer.from(name, 'utf8');
    if (encoded.length > MAX16)
      throw new Error(`zip: the name "${name.slice(0, 80)}…" is too long`);
    const zip64 = this.#force || size === null || size >= MAX32;
    const { time, date } = dosDateTime(modified);
    const entry: Written = {
      name: encoded,
      offset: this.#offset,
      crc: 0,
      size: 0,
      zip64,
      directory: name.endsWith('/'),
      time,
      date,
    };
    const extra = zip64 ? zip64Extra([0, 0]) : Buffer.alloc(0);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(zip64 ? 45 : 20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(0, 8); // STORE
    header.writeUInt16LE(time, 10);
    header.writeUInt16LE(date, 12);
    // CRC and sizes follow in the data descriptor (bit 3); ZIP64 entries say so with 0xFFFFFFFF.
    header.writeUInt32LE(0, 14);
    header.writeUInt32LE(zip64 ? MAX32 : 0, 18);
    header.writeUInt32LE(zip64 ? MAX32 : 0, 22);
    header.writeUInt16LE(encoded.length, 26);
    header.writeUInt16LE(extra.length, 28);
    await this.#write(Buffer.concat([header, encoded, extra]));
    let crc = 0;
    for await (const chunk of body) {
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      crc = crc32(buffer, crc);
      entry.size += buffer.length;
      if (!zip64 && entry.size >= MAX32)
        throw new Error(`zip: ${name} grew past 4 GiB while it was written`);
      await this.#write(buffer);
    }
    entry.crc = crc;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(entry.size), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.size, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    await this.#write(descriptor);
    this.#entries.push(entry);
  }

  /** The central directory and the end records; the archive is complete after this. */
  async finish(): Promise<void> {
    const start = this.#offset;
    const records: Buffer[] = [];
    for (const e of this.#entries) records.push(centralRecord(e));
    const directory = Buffer.concat(records);
    await this.#write(directory);
    const count = this.#entries.length;
    const zip64 = this.#force || count > MAX16 || start >= MAX32 || directory.length >= MAX32;
    const tail: Buffer[] = [];
    if (zip64) {
      const endOffset = this.#offset;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(MADE_BY, 12);
      record.writeUInt16LE(45, 14);
      record.writeUInt32LE(0, 16);
      record.writeUInt32LE(0, 20);
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(directory.length), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeUInt32LE(0, 4);
      locator.writeBigUInt64LE(BigInt(endOffset), 8);
      locator.writeUInt32LE(1, 16);
      tail.push(record, locator);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(0, 4);
    end.writeUInt16LE(0, 6);
    end.writeUInt16LE(zip64 ? MAX16 : count, 8);
    end.writeUInt16LE(zip64 ? MAX16 : count, 10);
    end.writeUInt32LE(zip64 ? MAX32 : directory.length, 12);
    end.writeUInt32LE(zip64 ? MAX32 : start, 16);
    end.writeUInt16LE(0, 20);
    tail.push(end);
    await this.#write(Buffer.concat(tail));
  }
}

/** The ZIP64 extended information field holding `values` (sizes, then the offset) as 8-byte numbers. */
function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + values.length * 8);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(values.length * 8, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + i * 8));
  return extra;
}

function centralRecord(e: Written): Buffer {
  // In the central directory a ZIP64 field holds only the values whose 4-byte slot says 0xFFFFFFFF.
  const bigSizes = e.zip64;
  const bigOffset = e.zip64 || e.offset >= MAX32;
  const values = [...(bigSizes ? [e.size, e.size] : []), ...(bigOffset ? [e.offset] : [])];
  const extra = values.length ? zip64Extra(values) : Buffer.alloc(0);
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0);
  record.writeUInt16LE(MADE_BY, 4);
  record.writeUInt16LE(values.length ? 45 : 20, 6);
  record.writeUInt16LE(FLAGS, 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(e.time, 12);
  record.writeUInt16LE(e.date, 14);
  record.writeUInt32LE(e.crc >>> 0, 16);
  record.writeUInt32LE(bigSizes ? MAX32 : e.size, 20);
  record.writeUInt32LE(bigSizes ? MAX32 : e.size, 24);
  record.writeUInt16LE(e.name.length, 28);
  record.writeUInt16LE(extra.length, 30);
  record.writeUInt16LE(0, 32); // comment
  record.writeUInt16LE(0, 34); // disk
  record.writeUInt16LE(0, 36); // internal attributes
  // Unix mode in the high half: a folder 0755 (and the MS-DOS folder bit), a file 0644.
  record.writeUInt32LE(e.directory ? ((0o40755 << 16) | 0x10) >>> 0 : (0o100644 << 16) >>> 0, 38);
  record.writeUInt32LE(bigOffset ? MAX32 : e.offset, 42);
  return Buffer.concat([record, e.name, extra]);
}
