import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// SHA-256 (FIPS 180-4, section 6.2), computed incrementally over any number of pieces.
///
/// Linux has no CryptoKit, so servicegap carries its own: run manifests (`run.json`)
/// record the hash of every input file so a figure can be regenerated from exactly the
/// same data. ``hashFile(atPath:)`` reads a file in 1 MiB chunks, so a multi-gigabyte
/// population grid is never held in memory whole. The type is a value: copy it to hash
/// a common prefix once and finish two messages from it.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// SHA256.hex(hasher.finalize())  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
///
/// The name matches CryptoKit's `SHA256` on Apple platforms; write `ServiceGapIO.SHA256`
/// where both modules are imported.
public struct SHA256: Sendable {
  /// The number of bytes in a digest (32).
  public static let digestByteCount = 32

  /// The size of the blocks the compression function consumes.
  private static let blockByteCount = 64

  /// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The hash value H, starting from the square roots of the first 8 primes (5.3.3).
  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]
  /// Bytes waiting for a complete block (always fewer than 64).
  private var pending: [UInt8] = []
  /// Bytes hashed so far, for the length in the padding.
  private var byteCount: UInt64 = 0

  /// Starts an empty message.
  public init() {
    pending.reserveCapacity(Self.blockByteCount)
  }

  /// Appends bytes to the message.
  ///
  /// - Parameter bytes: The next piece of the message; may be empty.
  /// - Complexity: O(*n*) in the number of bytes.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard !bytes.isEmpty else { return }
    byteCount &+= UInt64(bytes.count)
    var offset = 0
    if !pending.isEmpty {
      let take = min(Self.blockByteCount - pending.count, bytes.count)
      pending.append(contentsOf: bytes[0..<take])
      offset = take
      guard pending.count == Self.blockByteCount else { return }
      let block = pending
      block.withUnsafeBytes { compress(blocks: $0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = (bytes.count - offset) / Self.blockByteCount * Self.blockByteCount
    if whole > 0 {
      compress(blocks: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + whole)]))
      offset += whole
    }
    pending.append(contentsOf: bytes[offset...])
  }

  /// Appends bytes to the message.
  ///
  /// - Parameter bytes: The next piece of the message, such as `Data` or `[UInt8]`.
  public mutating func update(_ bytes: some ContiguousBytes) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The digest of everything appended so far (the hasher itself is left unchanged).
  ///
  /// Pads the message with a 1 bit, zeros and its length in bits (5.1.1).
  ///
  /// - Returns: The 32 bytes of the digest, most significant first.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = byteCount &* 8
    var padding: [UInt8] = [0x80]
    let used = (pending.count + 1) % Self.blockByteCount
    let zeros = (Self.blockByteCount - 8 - used + Self.blockByteCount) % Self.blockByteCount
    padding += [UInt8](repeating: 0, count: zeros)
    for shift in stride(from: 56, through: 0, by: -8) {
      padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    let blocks = copy.pending + padding
    copy.pending.removeAll()
    blocks.withUnsafeBytes { copy.compress(blocks: $0) }
    var digest: [UInt8] = []
    digest.reserveCapacity(Self.digestByteCount)
    for word in copy.state {
      digest += [
        UInt8(truncatingIfNeeded: word >> 24), UInt8(truncatingIfNeeded: word >> 16),
        UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
      ]
    }
    return digest
  }

  /// The digest of one message.
  ///
  /// - Parameter bytes: The whole message.
  /// - Returns: The 32 bytes of the digest.
  public static func hash(_ bytes: some ContiguousBytes) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// A digest as lowercase hexadecimal, as `sha256sum` prints it.
  ///
  /// - Parameter digest: The bytes of a digest (or any bytes).
  /// - Returns: Two hex digits per byte, such as `ba7816bf…`.
  public static func hex(_ digest: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(digest.count * 2)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The size and SHA-256 of a file, read in 1 MiB chunks.
  ///
  /// - Parameter path: The file's path.
  /// - Returns: The number of bytes read and the digest as lowercase hex.
  /// - Throws: ``InputError/fileNotFound(file:)`` when there is no such file,
  ///   ``InputError/unreadable(file:reason:)`` when it cannot be opened or read.
  /// - Complexity: O(*n*) time in the file's size, O(1) memory.
  public static func hashFile(atPath path: String) throws -> (byteCount: UInt64, hex: String) {
    // open(2): -1 with errno on failure; we own the descriptor until close below.
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT { throw InputError.fileNotFound(file: path) }
      throw InputError.unreadable(file: path, reason: String(cString: strerror(code)))
    }
    defer { close(descriptor) }
    var hasher = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      // read(2): bytes read, 0 at the end of the file, -1 with errno on failure.
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count == 0 { break }
      if count < 0 {
        let code = errno
        if code == EINTR { continue }
        throw InputError.unreadable(file: path, reason: String(cString: strerror(code)))
      }
      buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
    return (hasher.byteCount, hex(hasher.finalize()))
  }

  /// Runs the compression function (6.2.2) over whole 64-byte blocks.
  ///
  /// The hash value lives in locals for the whole call, and the message schedule in one
  /// temporary buffer: no array access in the rounds is checked or copied.
  private mutating func compress(blocks: UnsafeRawBufferPointer) {
    precondition(blocks.count % Self.blockByteCount == 0, "compress takes whole blocks only")
    var (h0, h1, h2, h3) = (state[0], state[1], state[2], state[3])
    var (h4, h5, h6, h7) = (state[4], state[5], state[6], state[7])
    Self.roundConstants.withUnsafeBufferPointer { constants in
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
        var start = 0
        while start < blocks.count {
          for t in 0..<16 {
            w[t] = UInt32(
              bigEndian: blocks.loadUnaligned(fromByteOffset: start + 4 * t, as: UInt32.self))
          }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
          for t in 0..<64 {
            let sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let choose = (e & f) ^ (~e & g)
            let t1 = h &+ sum1 &+ choose &+ constants[t] &+ w[t]
            let sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let majority = (a & b) ^ (a & c) ^ (b & c)
            let t2 = sum0 &+ majority
            h = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h0 &+= a
          h1 &+= b
          h2 &+= c
          h3 &+= d
          h4 &+= e
          h5 &+= f
          h6 &+= g
          h7 &+= h
          start += Self.blockByteCount
        }
      }
    }
    state = [h0, h1, h2, h3, h4, h5, h6, h7]
  }
}

/// Rotates `value` right by `count` bits (ROTR in FIPS 180-4).
@inline(__always)
private func rotr(_ value: UInt32, _ count: UInt32) -> UInt32 {
  // Masking shifts: the smart shifts' range checks would cost more than the rotation.
  (value &>> count) | (value &<< (32 &- count))
}
