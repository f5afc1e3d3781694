// zlib for the histogram codec: one-shot compression, and inflation in measured steps so that
// a decoder reads the 40-byte header first and never allocates more than it has checked.
import CZlib

/// zlib-format (RFC 1950) compression, as Java's `Deflater`, C's `compress()` and Python's
/// `zlib.compress` write it.
enum Zlib {
    /// `bytes` compressed at zlib's default level; nil only if zlib itself fails (out of memory).
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var output = [UInt8](repeating: 0, count: Int(compressBound(uLong(bytes.count))))
        var outputLength = uLongf(output.count)
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &outputLength, input.baseAddress, uLong(input.count), Z_DEFAULT_COMPRESSION)
            }
        }
        guard status == Z_OK else { return nil }
        output.removeSubrange(Int(outputLength)...)
        return output
    }
}

/// Why a zlib stream could not be read to the length asked for.
enum InflateFailure: Error, Equatable {
    /// The compressed bytes ended before the stream did.
    case truncated
    /// The stream ended (checksum verified) before giving as many bytes as asked for.
    case endedEarly(produced: Int)
    /// The stream goes on past what was asked for.
    case longerThanExpected
    /// The bytes are not a valid zlib stream; zlib's own message.
    case corrupt(String)
}

/// Inflates one zlib stream piece by piece, each piece of a size the caller has decided on.
///
/// A class because zlib keeps a pointer to its `z_stream` and checks it on every call: the
/// stream and a copy of the input live at fixed addresses until `deinit` releases them.
final class ZlibInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private var ended = false
    private var initialised = false

    /// Prepares to inflate `compressed`, a complete zlib stream (at most 4 GiB: the codec's
    /// wrapper states the length as an Int32, and checks it before it gets here).
    init(_ compressed: ArraySlice<UInt8>) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: max(compressed.count, 1))
        _ = input.initialize(from: compressed)
        stream.pointee.next_in = input.baseAddress
        stream.pointee.avail_in = uInt(clamping: compressed.count)
        initialised = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if initialised { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
    }

    /// The next `count` bytes of the inflated stream.
    func read(_ count: Int) throws(InflateFailure) -> [UInt8] {
        guard initialised else { throw .corrupt("zlib could not start inflating (out of memory)") }
        var output = [UInt8](repeating: 0, count: count)
        var produced = 0
        while produced < count {
            if ended { throw .endedEarly(produced: produced) }
            let status = output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_out = out.baseAddress.map { $0 + produced }
                stream.pointee.avail_out = uInt(count - produced)
                let status = inflate(stream, Z_NO_FLUSH)
                produced = count - Int(stream.pointee.avail_out)
                return status
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                ended = true
            case Z_BUF_ERROR:
                // No progress possible: the output has room, so the input ran out mid-stream.
                throw .truncated
            default:
                throw .corrupt(message(for: status))
            }
        }
        return output
    }

    /// Checks that the stream ends here: its checksum is verified, nothing more inflates from
    /// it, and no bytes follow it.
    func finish() throws(InflateFailure) {
        guard initialised else { throw .corrupt("zlib could not start inflating (out of memory)") }
        while !ended {
            // One byte of room: a stream with nothing more to give ends and leaves it unused.
            var scratch: UInt8 = 0
            let (status, room) = withUnsafeMutablePointer(to: &scratch) { byte in
                stream.pointee.next_out = byte
                stream.pointee.avail_out = 1
                defer { stream.pointee.next_out = nil }
                return (inflate(stream, Z_NO_FLUSH), stream.pointee.avail_out)
            }
            if room == 0 { throw .longerThanExpected }
            switch status {
            case Z_STREAM_END:
                ended = true
            case Z_OK:
                continue  // read part of the checksum; zlib made progress, so this loop ends
            case Z_BUF_ERROR:
                throw .truncated
            default:
                throw .corrupt(message(for: status))
            }
        }
        if stream.pointee.avail_in != 0 { throw .corrupt("\(stream.pointee.avail_in) bytes follow the end of the zlib stream") }
    }

    private func message(for status: Int32) -> String {
        if let text = stream.pointee.msg { return String(cString: text) }
        return status == Z_NEED_DICT ? "the stream needs a preset dictionary" : "zlib status \(status)"
    }
}
